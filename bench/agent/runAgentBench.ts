// npm run bench:agent — the agent loop against the Ollama stand-in over HTTP
// (the real `ollama` client through OllamaService), with a simulated small
// model that slips at the rates in mistakeRates.ts. Prints Hearth's repair and
// guards beside the same loop without them; the last line is one JSON object.
import { runAgent } from '../../src/core/agent/agentRun';
import type { AgentModelServer } from '../../src/core/agent/agentTypes';
import { verifyCommandsFrom } from '../../src/core/agent/verifyCommands';
import { DEFAULT_CHARS_PER_TOKEN } from '../../src/core/completion/charsPerToken';
import { MemoryExecutor } from '../../test/fakes/memoryExecutor';
import type { OllamaStandIn } from '../../test/fakes/ollamaStandIn';
import { StandInService } from '../../test/fakes/standInService';
import { BENCH_TASKS } from './benchTasks';
import type { BenchTask } from './benchTasks';
import { SimulatedModel } from './simulatedModel';

const MODEL = 'qwen2.5-coder:7b';
/** Hearth's default hearth.ollama.numCtx, and what small GPUs run. */
const NUM_CTX = 4096;
const SEEDS = [11, 23, 37, 41, 53];

interface Figures { runs: number; completed: number; steps: number; tokensSent: number; silentOverflows: number; outcomes: Record<string, number> }

async function runOne(standIn: OllamaStandIn, server: AgentModelServer, task: BenchTask, seed: number, withHearth: boolean): Promise<{ completed: boolean; steps: number; tokens: number; overflows: number; outcome: string }> {
  const model = new SimulatedModel(task, seed);
  standIn.reply((req) => model.reply(req));
  const executor = new MemoryExecutor(task.files, task.commands);
  const before = standIn.requestsTo('/api/chat').length;
  const record = await runAgent({
    id: `${task.name}-${seed}`,
    task: task.task,
    model: MODEL,
    instructions: task.agentsMd,
    verifyCommands: verifyCommandsFrom(task.agentsMd),
    server,
    executor,
    // The simulated user approves every step; approval itself is tested in the unit tier.
    approve: () => Promise.resolve({ approved: true }),
    onEvent: () => undefined,
    signal: new AbortController().signal,
    contextTokens: NUM_CTX,
    charsPerToken: DEFAULT_CHARS_PER_TOKEN,
    approval: { autoApproveEdits: false },
    options: { repair: withHearth, guards: withHearth },
  });
  const requests = standIn.requestsTo('/api/chat').slice(before);
  return {
    completed: record.outcome.kind === 'answered' && task.done(executor.files),
    steps: record.toolSteps.length,
    tokens: requests.reduce((n, r) => n + (r.promptTokens ?? 0), 0),
    overflows: requests.filter((r) => (r.droppedMessages ?? 0) > 0 || (r.promptTokens ?? 0) > (r.numCtx ?? Infinity)).length,
    outcome: record.outcome.kind === 'needsUser' ? `needsUser:${record.outcome.reason}` : record.outcome.kind,
  };
}

async function main(): Promise<void> {
  const fixture = await StandInService.start({ connection: { numCtx: NUM_CTX } });
  const { standIn, service } = fixture;
  const figures: Record<'with' | 'without', Figures> = {
    with: { runs: 0, completed: 0, steps: 0, tokensSent: 0, silentOverflows: 0, outcomes: {} },
    without: { runs: 0, completed: 0, steps: 0, tokensSent: 0, silentOverflows: 0, outcomes: {} },
  };
  const perTask: string[] = [];
  try {
    for (const task of BENCH_TASKS) {
      const row = { with: 0, without: 0 };
      for (const seed of SEEDS) {
        for (const config of ['with', 'without'] as const) {
          const result = await runOne(standIn, service, task, seed, config === 'with');
          const f = figures[config];
          f.runs++;
          if (result.completed) {
            f.completed++;
            row[config]++;
          }
          f.steps += result.steps;
          f.tokensSent += result.tokens;
          f.silentOverflows += result.overflows;
          f.outcomes[result.outcome] = (f.outcomes[result.outcome] ?? 0) + 1;
        }
      }
      perTask.push(`  ${task.name.padEnd(18)} ${String(row.with).padStart(2)}/${SEEDS.length}   ${String(row.without).padStart(2)}/${SEEDS.length}`);
    }
  } finally {
    await fixture.close();
  }
  const pct = (f: Figures): number => Math.round((1000 * f.completed) / f.runs) / 10;
  const line = (label: string, a: string | number, b: string | number): string => `${label.padEnd(28)} ${String(a).padStart(14)} ${String(b).padStart(14)}`;
  const outcomes = (f: Figures): string => Object.entries(f.outcomes).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`Agent benchmark: ${BENCH_TASKS.length} tasks × ${SEEDS.length} seeds, ${MODEL} simulated, num_ctx ${NUM_CTX}\n`);
  console.log('  task               with   without');
  console.log(perTask.join('\n'));
  console.log(`\n${line('', 'repair+guards', 'without')}`);
  console.log(line('tasks completed', `${figures.with.completed}/${figures.with.runs} (${pct(figures.with)} %)`, `${figures.without.completed}/${figures.without.runs} (${pct(figures.without)} %)`));
  console.log(line('tool steps', figures.with.steps, figures.without.steps));
  console.log(line('prompt tokens sent', figures.with.tokensSent, figures.without.tokensSent));
  console.log(line('silent context overflows', figures.with.silentOverflows, figures.without.silentOverflows));
  console.log(`\nhow runs ended, with: ${outcomes(figures.with)}\nhow runs ended, without: ${outcomes(figures.without)}`);
  const json = (f: Figures): Record<string, number> => ({ completed_pct: pct(f), steps: f.steps, tokens_sent: f.tokensSent, silent_overflows: f.silentOverflows });
  console.log(JSON.stringify({ ...json(figures.with), without: json(figures.without) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

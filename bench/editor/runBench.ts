// npm run bench:editor — completions measured where users see them: seeded
// typing sessions played key by key into a real VS Code (code-server +
// headless Chromium), the ghost text read from the DOM, joined with the
// Ollama stand-in's request log; Hearth as shipped beside the naive
// baseline. Prints per-session figures, means, where the wasted generation
// goes, and (last line) one JSON object. Timing-based: not part of npm test.
//   npm run bench:editor [-- --simulated] [-- --only <regex>] [-- --config hearth|naive]
//   npx tsx bench/editor/runBench.ts --report bench/results/editor-….json[,…]
// --simulated plays the same sessions through bench/completion's replay
// instead of the editor (minutes, for reconciling the two benchmarks);
// --report prints the tables of a saved run again; several runs, comma-separated,
// are reported as one, each configuration from the first file that has it (e.g.
// Hearth after a change beside an earlier naive run: the naive baseline does not
// use Hearth's scheduler).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { percentile } from '../../src/core/completion/completionStats';
import { LATENCY } from '../completion/replay';
import { cacheDir, newRunDir, pruneRunDirs, repoRoot } from '../../test/support/codeServer';
import { vscodeVersion } from '../../test/support/vscodeBuilds';
import { FIXED_ANSWER, MODEL_BEHAVIOURS, PREDICTED_SHARE } from './answerModel';
import type { ModelBehaviour } from './answerModel';
import { openBenchWorkbench } from './benchWorkbench';
import { buildNaiveExtension } from './naiveExtension';
import { finalJson, meansTable, noiseLines, pathTable, sessionTable, wasteTable, whatIfTable } from './report';
import type { SessionResult } from './report';
import { closeEditors, driveSession } from './sessionDriver';
import { sessionFigures } from './sessionFigures';
import { SESSION_PLANS } from './sessionPlans';
import { combineRuns } from './sessionRun';
import type { ConfigName, SessionRun } from './sessionRun';
import { scriptSession } from './sessionScript';
import type { SessionScript } from './sessionScript';
import { simulateSession } from './simulatedRun';
import { FAST, PAUSE_MS, SLOW } from './typist';

interface Job {
  readonly script: SessionScript;
  readonly model: ModelBehaviour;
  readonly name: string;
}

const SIMULATED_AT_ONCE = 6;

async function main(argv: string[]): Promise<void> {
  const started = Date.now();
  const simulated = argv.includes('--simulated');
  const only = optionValue(argv, '--only');
  const configs: ConfigName[] = optionValue(argv, '--config') === undefined ? ['hearth', 'naive'] : [optionValue(argv, '--config') as ConfigName];
  const saved = optionValue(argv, '--report');
  if (saved !== undefined) {
    const runs = combineRuns(saved.split(',').map(loadRuns));
    const results = runs.map(resultOf);
    report(results, runs, [], saved);
    console.log(JSON.stringify(finalJson(results)));
    return;
  }
  const jobs = [FAST, SLOW]
    .flatMap((typist) => SESSION_PLANS.map((plan) => scriptSession(plan, typist)))
    .flatMap((script) => MODEL_BEHAVIOURS.map((model): Job => ({ script, model, name: `${script.kind} ${script.typist} ${model}` })))
    .filter((job) => only === undefined || new RegExp(only).test(job.name));
  printHeader(jobs, simulated);

  const runs: SessionRun[] = [];
  /** Sessions that could not be played, with why. */
  const failed: string[] = [];
  for (const config of configs) {
    console.log(`\n${config}: ${jobs.length} sessions ${simulated ? 'simulated' : 'in the editor'}…`);
    try {
      runs.push(...(simulated ? await simulateAll(jobs, config) : await driveAll(jobs, config, failed)));
    } catch (error) {
      // The workbench did not start: report what the other configuration measured.
      failed.push(`${config}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      console.log(`  FAILED: ${failed.at(-1) ?? ''}`);
    }
  }
  const file = saveRuns(runs, simulated);
  const results = runs.map(resultOf);
  report(results, runs, failed, file);
  console.log(`(${((Date.now() - started) / 60_000).toFixed(1)} min)`);
  console.log(JSON.stringify(finalJson(results)));
}

function resultOf(run: SessionRun): SessionResult {
  return { config: run.config, kind: run.script.kind, typist: run.script.typist, model: run.model, figures: sessionFigures(run) };
}

/** Prints every table (all but the last line, the JSON). */
function report(results: readonly SessionResult[], runs: readonly SessionRun[], failed: readonly string[], saved: string): void {

  console.log(`\nPer session (Hearth · naive):\n${sessionTable(results)}`);
  console.log(`\n${meansTable(results)}`);
  console.log(`\nWhere the generation nobody saw went (requests pooled per row):\n${wasteTable(results)}`);
  console.log(`\nGeneration never shown, if… (first order: freed slot time goes to no one):\n${whatIfTable(results)}`);
  console.log(`\nFrom keystroke to screen (both models pooled):\n${pathTable(results)}`);
  const noise = noiseLines(runs);
  if (noise.length > 0) console.log(`\nMeasurement noise:\n${noise.join('\n')}`);
  const unexplained = results.reduce((n, r) => n + r.figures.unexplainedGhosts + r.figures.unplacedRequests, 0);
  if (unexplained > 0) console.log(`\nWARNING: ${unexplained} ghost samples or requests could not be joined (see ${saved}).`);
  if (failed.length > 0) console.log(`\nFAILED sessions (left out of every figure):\n  ${failed.join('\n  ')}`);
  console.log(`\nRaw runs: ${path.relative(repoRoot, saved)}`);
}

function printHeader(jobs: readonly Job[], simulated: boolean): void {
  const where = simulated ? "bench/completion's replay (VS Code's part simulated)" : `VS Code ${vscodeVersion()} (code-server) in headless Chromium, keys from Playwright`;
  console.log(`Hearth editor benchmark: ${where}`);
  console.log(
    `Stand-in: ${LATENCY.timeToFirstTokenMs} ms + ${LATENCY.perPromptTokenMs} ms per uncached prompt token to the first token, ${LATENCY.perTokenMs} ms per token, one request at a time.`,
  );
  console.log(`Models: fixed (always ${JSON.stringify(FIXED_ANSWER)}); predictive (the user's next text at ${PREDICTED_SHARE * 100} % of positions, by a hash of the position, else the fixed answer).`);
  const scripts = [...new Set(jobs.map((j) => j.script))];
  for (const script of scripts) {
    const gaps = script.steps.filter((s) => s.gapMs < PAUSE_MS).map((s) => s.gapMs);
    const mean = gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length);
    const pauses = script.steps.filter((s) => s.gapMs >= PAUSE_MS).length + 1;
    const seconds = (script.steps.reduce((a, s) => a + s.gapMs, 0) + script.finalPauseMs) / 1000;
    console.log(
      `  ${`${script.kind} ${script.typist}`.padEnd(16)} ${script.steps.filter((s) => s.kind === 'key').length} keys, gaps mean ${Math.round(mean)} / p50 ${percentile(gaps, 50)} / p95 ${percentile(gaps, 95)} ms, ${pauses} pauses ≥ ${PAUSE_MS} ms, ${seconds.toFixed(0)} s`,
    );
  }
}

/** Plays the jobs in one workbench; a session that fails is added to `failed` and the others go on. */
async function driveAll(jobs: readonly Job[], config: ConfigName, failed: string[]): Promise<SessionRun[]> {
  const extension = config === 'hearth' ? repoRoot : await buildNaiveExtension(path.join(cacheDir, 'bench-editor/naive-extension'));
  pruneRunDirs(8);
  const fileOf = (job: Job): string => `bench/${job.name.replace(/ /g, '-')}.${job.script.extension}`;
  const files = jobs.map((job) => ({ path: fileOf(job), text: job.script.initialText }));
  const workbench = await openBenchWorkbench(config, extension, `${newRunDir()}-${config}`, files);
  const runs: SessionRun[] = [];
  try {
    for (const [i, job] of jobs.entries()) {
      const t0 = Date.now();
      let run: SessionRun;
      try {
        run = await driveSession(workbench, { script: job.script, model: job.model, file: fileOf(job) });
      } catch (error) {
        // One session going wrong (the workbench stalled past a timeout) costs that session, not the run.
        failed.push(`${config} ${job.name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        console.log(`  [${i + 1}/${jobs.length}] ${job.name.padEnd(26)} FAILED: ${failed.at(-1) ?? ''}`);
        await closeEditors(workbench.page).catch(() => undefined);
        continue;
      }
      runs.push(run);
      const f = sessionFigures(run);
      console.log(
        `  [${i + 1}/${jobs.length}] ${job.name.padEnd(26)} pauses ${f.pauses.filter((p) => p.shownAt !== undefined).length}/${f.pauses.length}, p50 ${f.pauseToGhostP50Ms} ms, requests ${f.requests} (${f.requestsMidTyping} mid-typing), never shown ${f.wastedGenerationPct} %, document ${f.documentExact ? 'exact' : 'DIFFERS'} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
      );
    }
  } finally {
    await workbench.close();
  }
  return runs;
}

async function simulateAll(jobs: readonly Job[], config: ConfigName): Promise<SessionRun[]> {
  const runs: SessionRun[] = [];
  for (let i = 0; i < jobs.length; i += SIMULATED_AT_ONCE) {
    runs.push(...(await Promise.all(jobs.slice(i, i + SIMULATED_AT_ONCE).map((job) => simulateSession(job.script, config, job.model)))));
  }
  return runs;
}

function saveRuns(runs: readonly SessionRun[], simulated: boolean): string {
  const dir = path.join(repoRoot, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const file = path.join(dir, `editor-${simulated ? 'simulated' : 'real'}-${stamp}.json`);
  // The scripts are reproducible from their seeds: only their names are kept.
  const slim = runs.map((run) => ({ ...run, script: { kind: run.script.kind, typist: run.script.typist } }));
  fs.writeFileSync(file, JSON.stringify(slim));
  return file;
}

/** A file saveRuns() wrote, with each script rebuilt from its seed. */
function loadRuns(file: string): SessionRun[] {
  const slim = JSON.parse(fs.readFileSync(file, 'utf8')) as (Omit<SessionRun, 'script'> & { script: { kind: string; typist: string } })[];
  return slim.map((run) => {
    const plan = SESSION_PLANS.find((p) => p.kind === run.script.kind);
    const typist = [FAST, SLOW].find((t) => t.name === run.script.typist);
    if (plan === undefined || typist === undefined) throw new Error(`${file}: unknown session ${run.script.kind} ${run.script.typist}`);
    return { ...run, script: scriptSession(plan, typist) };
  });
}

function optionValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

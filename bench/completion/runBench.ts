// npm run bench:completion — replays realistic typing traces through the real
// completion pipeline (scheduler, cache, prompt, post-processing, OllamaService
// over HTTP) against the Ollama stand-in with a latency model, for Hearth and
// for a naive configuration, and prints both side by side. The last line is
// one JSON object with Hearth's headline figures and the naive ones under
// "naive". Hearth also replays every trace against the stand-in in its vLLM
// (OpenAI-compatible) mode, printed beside the Ollama run with the load one
// developer puts on a team server. Timing-based: not part of `npm test`.
import type { ConfigName } from './benchPipeline';
import { figures, headline } from './figures';
import { printEngineTable } from './engineFigures';
import type { Figures } from './figures';
import { BIG_FILE_LINES, measureOverheadApart } from './overhead';
import type { Overhead } from './overhead';
import { LATENCY, PAUSE_MS, replay } from './replay';
import { benchTraces } from './traces';

const CONFIGS: readonly ConfigName[] = ['hearth', 'naive'];

async function main(): Promise<void> {
  const started = performance.now();
  const traces = benchTraces();
  const keystrokes = traces.reduce((n, t) => n + t.events.filter((e) => e.kind !== 'move').length, 0);
  console.log(`Hearth completion benchmark: ${traces.length} traces, ${keystrokes} keystrokes`);
  for (const t of traces) console.log(`  ${t.name.padEnd(24)} ${t.events.filter((e) => e.kind !== 'move').length} keystrokes, ${((t.events.at(-1)?.at ?? 0) / 1000).toFixed(0)} s`);
  console.log(
    `Latency model: ${LATENCY.timeToFirstTokenMs} ms to first token + ${LATENCY.perPromptTokenMs} ms per uncached prompt token, ${LATENCY.perTokenMs} ms per generated token; one request at a time per daemon.`,
  );

  // CPU overhead first, each configuration in a process of its own.
  console.log(`Measuring the pipeline's overhead on a ${BIG_FILE_LINES.toLocaleString('en')}-line file (about two minutes)…`);
  const overhead = new Map<ConfigName, Overhead>();
  for (const config of CONFIGS) overhead.set(config, await measureOverheadApart(config));

  // Each (trace, configuration) gets its own stand-in (its own "GPU"), all in real time at once.
  console.log('Replaying in real time (about three minutes)…');
  const [runs, vllmRuns] = await Promise.all([
    Promise.all(CONFIGS.flatMap((config) => traces.map((trace) => replay(trace, config)))),
    Promise.all(traces.map((trace) => replay(trace, 'hearth', { engine: 'vllm' }))),
  ]);
  const result = new Map<ConfigName, Figures>();
  for (const config of CONFIGS) {
    const mine = runs.filter((r) => r.config === config);
    const o = overhead.get(config) ?? { requests: [], requestsWall: [], hits: [] };
    result.set(config, figures(mine, o));
    for (const r of mine) {
      const f = figures([r], o);
      console.log(
        `  ${config.padEnd(6)} ${r.trace.padEnd(24)} requests ${f.requests_started} (aborted ${f.requests_aborted}), wasted ${f.wasted_generation_pct}%, pauses ${f.pauses_covered}/${f.pauses} (typing ${f.typing_pause_coverage_pct}%, leaving ${f.leaving_pause_coverage_pct}%), p50 ${f.pause_to_suggestion_p50_ms} ms`,
      );
    }
  }
  const hearth = result.get('hearth');
  const naive = result.get('naive');
  if (hearth === undefined || naive === undefined) throw new Error('missing results');
  printTable(hearth, naive);
  const missed = runs.filter((r) => r.config === 'hearth').flatMap((r) => r.pauses.filter((p) => p.shownAt === undefined).map((p) => ({ trace: r.trace, ...p })));
  console.log(`Hearth's pauses without a suggestion (${missed.length}):`);
  for (const p of missed) {
    console.log(`  ${p.trace.padEnd(22)} ${String(Math.round(p.end - p.start)).padStart(5)} ms, then ${p.endedBy.padEnd(6)} ${JSON.stringify(p.where.trim())}: ${p.outcome ?? 'not asked'}`);
  }
  const vllm = figures(vllmRuns, overhead.get('hearth') ?? { requests: [], requestsWall: [], hits: [] });
  const typingMinutes = traces.reduce((n, t) => n + (t.events.at(-1)?.at ?? 0), 0) / 60_000;
  const team = printEngineTable(hearth, vllm, typingMinutes);
  console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
  console.log(JSON.stringify({ ...headline(hearth), naive: headline(naive), vllm: { ...headline(vllm), ...team } }));
}

function printTable(hearth: Figures, naive: Figures): void {
  const rows: [string, keyof Figures, string][] = [
    ['keystrokes', 'keystrokes', ''],
    ['requests started', 'requests_started', ''],
    ['  aborted (superseded or cancelled)', 'requests_aborted', ''],
    ['  completed', 'requests_completed', ''],
    ['    of which stopped at the end of the answer', 'requests_stopped_early', ''],
    ['  failed', 'requests_failed', ''],
    ['daemon: requests received', 'daemon_received', ''],
    ['daemon: connections closed by the client', 'daemon_client_closed', ''],
    ['generation time (model busy)', 'generation_s', 's'],
    ['generation on results never shown', 'wasted_generation_pct', '%'],
    ['  in requests aborted before their answer', 'wasted_aborted_pct', '%'],
    ['  in answers empty after post-processing', 'wasted_empty_pct', '%'],
    ['  in answers that came too late, or disagreed with the typing', 'wasted_unshown_pct', '%'],
    [`pauses ≥ ${PAUSE_MS} ms (the user waits at a cursor position)`, 'pauses', ''],
    ['pauses with a suggestion', 'pause_coverage_pct', '%'],
    ['  of pauses after which typing resumes there', 'typing_pause_coverage_pct', '%'],
    ['  of pauses before moving away, or at the end', 'leaving_pause_coverage_pct', '%'],
    ['  (pauses right after a cursor move)', 'pauses_after_move', ''],
    ['pause → suggestion p50', 'pause_to_suggestion_p50_ms', 'ms'],
    ['pause → suggestion p95', 'pause_to_suggestion_p95_ms', 'ms'],
    ['type-through keystrokes (typed what was shown)', 'typethrough_hits', ''],
    ['requests started during type-through', 'typethrough_requests', ''],
    ['answers served from the cache', 'cache_served', ''],
    [`overhead per request, CPU p50 (${BIG_FILE_LINES.toLocaleString('en')}-line file)`, 'overhead_p50_ms', 'ms'],
    ['overhead per request, CPU p99', 'overhead_p99_ms', 'ms'],
    ['  (samples)', 'overhead_samples', ''],
    ['  on the wall clock p50', 'overhead_wall_p50_ms', 'ms'],
    ['  on the wall clock p99', 'overhead_wall_p99_ms', 'ms'],
    ['overhead per cache hit, CPU p50 / p99', 'overhead_hit_p50_ms', 'ms'],
  ];
  const cell = (f: Figures, key: keyof Figures, unit: string): string =>
    key === 'overhead_hit_p50_ms' ? (f.overhead_hit_p50_ms === 0 ? '—' : `${f.overhead_hit_p50_ms} / ${f.overhead_hit_p99_ms} ${unit}`) : `${f[key]}${unit ? ` ${unit}` : ''}`;
  const ratio = (key: keyof Figures): string => {
    const a = hearth[key];
    const b = naive[key];
    return key === 'overhead_hit_p50_ms' || b === 0 ? '—' : `${(a / b).toFixed(2)}×`;
  };
  const table = [['', 'Hearth', 'naive', 'Hearth/naive'], ...rows.map(([label, key, unit]) => [label, cell(hearth, key, unit), cell(naive, key, unit), ratio(key)])];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  console.log('');
  for (const row of table) console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
  console.log('');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

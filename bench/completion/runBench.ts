// npm run bench:completion — replays realistic typing traces through the real
// completion pipeline (scheduler, cache, prompt, post-processing, OllamaService
// over HTTP) against the Ollama stand-in with a latency model, for Hearth and
// for a naive configuration, and prints both side by side. The last line is
// one JSON object with Hearth's headline figures and the naive ones under
// "naive". Timing-based: not part of `npm test`.
import type { ConfigName } from './benchPipeline';
import { figures, headline } from './figures';
import type { Figures } from './figures';
import { BIG_FILE_LINES, measureOverhead } from './overhead';
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

  // CPU overhead first, on a quiet process.
  const overhead = new Map<ConfigName, Awaited<ReturnType<typeof measureOverhead>>>();
  for (const config of CONFIGS) overhead.set(config, await measureOverhead(config));

  // Each (trace, configuration) gets its own stand-in (its own "GPU"), all in real time at once.
  console.log('Replaying in real time (about three minutes)…');
  const runs = await Promise.all(CONFIGS.flatMap((config) => traces.map((trace) => replay(trace, config))));
  const result = new Map<ConfigName, Figures>();
  for (const config of CONFIGS) {
    const mine = runs.filter((r) => r.config === config);
    const o = overhead.get(config) ?? { requests: [], hits: [] };
    result.set(config, figures(mine, o));
    for (const r of mine) {
      const f = figures([r], o);
      console.log(
        `  ${config.padEnd(6)} ${r.trace.padEnd(24)} requests ${f.requests_started} (aborted ${f.requests_aborted}), wasted ${f.wasted_generation_pct}%, pauses ${f.pauses_covered}/${f.pauses}, p50 ${f.pause_to_suggestion_p50_ms} ms`,
      );
    }
  }
  const hearth = result.get('hearth');
  const naive = result.get('naive');
  if (hearth === undefined || naive === undefined) throw new Error('missing results');
  printTable(hearth, naive);
  console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
  console.log(JSON.stringify({ ...headline(hearth), naive: headline(naive) }));
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
    ['  in answers that came too late, or disagreed with the typing', 'wasted_unshown_pct', '%'],
    ['(generation on empty answers: shown as nothing)', 'empty_generation_pct', '%'],
    [`typing pauses ≥ ${PAUSE_MS} ms (typing resumes there)`, 'pauses', ''],
    ['typing pauses with a suggestion', 'pause_coverage_pct', '%'],
    [`all pauses ≥ ${PAUSE_MS} ms (also before moving away)`, 'all_pauses', ''],
    ['all pauses with a suggestion', 'all_pause_coverage_pct', '%'],
    ['pause → suggestion p50', 'pause_to_suggestion_p50_ms', 'ms'],
    ['pause → suggestion p95', 'pause_to_suggestion_p95_ms', 'ms'],
    ['type-through keystrokes (typed what was shown)', 'typethrough_hits', ''],
    ['requests started during type-through', 'typethrough_requests', ''],
    ['answers served from the cache', 'cache_served', ''],
    [`overhead per request p50 (${BIG_FILE_LINES.toLocaleString('en')}-line file)`, 'overhead_p50_ms', 'ms'],
    ['overhead per request p99', 'overhead_p99_ms', 'ms'],
    ['overhead per cache hit p50 / p99', 'overhead_hit_p50_ms', 'ms'],
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

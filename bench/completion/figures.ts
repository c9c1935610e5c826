import { percentile } from '../../src/core/completion/completionStats';
import type { Overhead } from './overhead';
import type { ReplayResult } from './replay';

/** The figures the acceptance criteria name, under the keys of the final JSON line. */
export interface HeadlineFigures {
  readonly requests_started: number;
  readonly requests_aborted: number;
  readonly wasted_generation_pct: number;
  readonly pause_coverage_pct: number;
  readonly pause_to_suggestion_p50_ms: number;
  readonly pause_to_suggestion_p95_ms: number;
  readonly typethrough_requests: number;
  readonly overhead_p50_ms: number;
  readonly overhead_p99_ms: number;
}

/** Everything printed in the table. */
export interface Figures extends HeadlineFigures {
  readonly keystrokes: number;
  readonly requests_completed: number;
  readonly requests_stopped_early: number;
  readonly requests_failed: number;
  readonly daemon_received: number;
  readonly daemon_client_closed: number;
  readonly generation_s: number;
  readonly empty_generation_pct: number;
  readonly pauses: number;
  readonly pauses_covered: number;
  readonly all_pauses: number;
  readonly all_pause_coverage_pct: number;
  readonly wasted_aborted_pct: number;
  readonly wasted_unshown_pct: number;
  readonly typethrough_hits: number;
  readonly cache_served: number;
  readonly overhead_hit_p50_ms: number;
  readonly overhead_hit_p99_ms: number;
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export function figures(results: readonly ReplayResult[], overhead: Overhead): Figures {
  const records = results.flatMap((r) => r.records);
  const generations = results.flatMap((r) => r.generations);
  const total = sum(generations.map((g) => g.ms));
  const wasted = sum(generations.filter((g) => !g.used).map((g) => g.ms));
  const emptyMs = sum(generations.filter((g) => g.empty).map((g) => g.ms));
  const allPauses = results.flatMap((r) => r.pauses);
  // A pause the user ends by moving elsewhere (or by stopping) is navigation, not waiting for code.
  const pauses = allPauses.filter((p) => p.typing);
  const covered = pauses.filter((p) => p.shownAt !== undefined);
  const wastedAborted = sum(generations.filter((g) => !g.used && g.end === 'aborted').map((g) => g.ms));
  const waits = covered.map((p) => (p.shownAt ?? p.start) - p.start);
  return {
    keystrokes: sum(results.map((r) => r.keystrokes)),
    requests_started: records.length,
    requests_aborted: records.filter((r) => r.end === 'aborted').length,
    requests_completed: records.filter((r) => r.end === 'complete' || r.end === 'stopped').length,
    requests_stopped_early: records.filter((r) => r.end === 'stopped').length,
    requests_failed: records.filter((r) => r.end === 'failed').length,
    daemon_received: sum(results.map((r) => r.standIn.received)),
    daemon_client_closed: sum(results.map((r) => r.standIn.clientClosed)),
    generation_s: round(total / 1000),
    wasted_generation_pct: total > 0 ? round((100 * wasted) / total) : 0,
    empty_generation_pct: total > 0 ? round((100 * emptyMs) / total) : 0,
    wasted_aborted_pct: total > 0 ? round((100 * wastedAborted) / total) : 0,
    wasted_unshown_pct: total > 0 ? round((100 * (wasted - wastedAborted)) / total) : 0,
    pauses: pauses.length,
    pauses_covered: covered.length,
    all_pauses: allPauses.length,
    all_pause_coverage_pct: allPauses.length > 0 ? round((100 * allPauses.filter((p) => p.shownAt !== undefined).length) / allPauses.length) : 0,
    pause_coverage_pct: pauses.length > 0 ? round((100 * covered.length) / pauses.length) : 0,
    pause_to_suggestion_p50_ms: Math.round(percentile(waits, 50) ?? 0),
    pause_to_suggestion_p95_ms: Math.round(percentile(waits, 95) ?? 0),
    typethrough_hits: sum(results.map((r) => r.typeThroughKeystrokes)),
    typethrough_requests: sum(results.map((r) => r.typeThroughRequests)),
    cache_served: sum(results.map((r) => r.cacheServed)),
    overhead_p50_ms: round(percentile(overhead.requests, 50) ?? 0, 3),
    overhead_p99_ms: round(percentile(overhead.requests, 99) ?? 0, 3),
    overhead_hit_p50_ms: round(percentile(overhead.hits, 50) ?? 0, 3),
    overhead_hit_p99_ms: round(percentile(overhead.hits, 99) ?? 0, 3),
  };
}

export function headline(f: Figures): HeadlineFigures {
  return {
    requests_started: f.requests_started,
    requests_aborted: f.requests_aborted,
    wasted_generation_pct: f.wasted_generation_pct,
    pause_coverage_pct: f.pause_coverage_pct,
    pause_to_suggestion_p50_ms: f.pause_to_suggestion_p50_ms,
    pause_to_suggestion_p95_ms: f.pause_to_suggestion_p95_ms,
    typethrough_requests: f.typethrough_requests,
    overhead_p50_ms: f.overhead_p50_ms,
    overhead_p99_ms: f.overhead_p99_ms,
  };
}

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
  readonly wasted_aborted_pct: number;
  readonly wasted_empty_pct: number;
  readonly wasted_unshown_pct: number;
  readonly pauses: number;
  readonly pauses_covered: number;
  readonly typing_pauses: number;
  readonly typing_pause_coverage_pct: number;
  readonly leaving_pauses: number;
  readonly leaving_pause_coverage_pct: number;
  readonly pauses_after_move: number;
  readonly typethrough_hits: number;
  readonly cache_served: number;
  readonly overhead_samples: number;
  readonly overhead_wall_p50_ms: number;
  readonly overhead_wall_p99_ms: number;
  readonly overhead_hit_p50_ms: number;
  readonly overhead_hit_p99_ms: number;
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const pct = (part: number, whole: number): number => (whole > 0 ? round((100 * part) / whole) : 0);

export function figures(results: readonly ReplayResult[], overhead: Overhead): Figures {
  const records = results.flatMap((r) => r.records);
  const generations = results.flatMap((r) => r.generations);
  const total = sum(generations.map((g) => g.ms));
  const msOf = (keep: (g: (typeof generations)[number]) => boolean): number => sum(generations.filter(keep).map((g) => g.ms));
  // Every generation whose answer was not shown is waste: aborted, empty after post-processing, too late or contradicted.
  const wasted = msOf((g) => !g.used);
  const wastedAborted = msOf((g) => !g.used && g.end === 'aborted');
  const wastedEmpty = msOf((g) => !g.used && g.end !== 'aborted' && g.empty);
  const pauses = results.flatMap((r) => r.pauses);
  const covered = pauses.filter((p) => p.shownAt !== undefined);
  const typing = pauses.filter((p) => p.endedBy === 'typing');
  const leaving = pauses.filter((p) => p.endedBy !== 'typing');
  const coveredShare = (some: readonly (typeof pauses)[number][]): number => pct(some.filter((p) => p.shownAt !== undefined).length, some.length);
  const waits = covered.map((p) => (p.shownAt ?? p.start) - p.start);
  const ms = (values: readonly number[], p: number): number => round(percentile(values, p) ?? 0, 3);
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
    wasted_generation_pct: pct(wasted, total),
    wasted_aborted_pct: pct(wastedAborted, total),
    wasted_empty_pct: pct(wastedEmpty, total),
    wasted_unshown_pct: pct(wasted - wastedAborted - wastedEmpty, total),
    pauses: pauses.length,
    pauses_covered: covered.length,
    pause_coverage_pct: coveredShare(pauses),
    typing_pauses: typing.length,
    typing_pause_coverage_pct: coveredShare(typing),
    leaving_pauses: leaving.length,
    leaving_pause_coverage_pct: coveredShare(leaving),
    pauses_after_move: pauses.filter((p) => p.afterMove).length,
    pause_to_suggestion_p50_ms: Math.round(percentile(waits, 50) ?? 0),
    pause_to_suggestion_p95_ms: Math.round(percentile(waits, 95) ?? 0),
    typethrough_hits: sum(results.map((r) => r.typeThroughKeystrokes)),
    typethrough_requests: sum(results.map((r) => r.typeThroughRequests)),
    cache_served: sum(results.map((r) => r.cacheServed)),
    overhead_samples: overhead.requests.length,
    overhead_p50_ms: ms(overhead.requests, 50),
    overhead_p99_ms: ms(overhead.requests, 99),
    overhead_wall_p50_ms: ms(overhead.requestsWall, 50),
    overhead_wall_p99_ms: ms(overhead.requestsWall, 99),
    overhead_hit_p50_ms: ms(overhead.hits, 50),
    overhead_hit_p99_ms: ms(overhead.hits, 99),
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

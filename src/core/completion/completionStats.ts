import { Emitter } from '../emitter';
import type { Event } from '../emitter';
import type { CompletionModelStats } from '../../shared/statusTab';

/** Latencies kept per model: recent enough to follow a model reload or a busy GPU. */
export const LATENCY_WINDOW = 200;

/** Nearest-rank percentile (p in 0..100) of `values`; undefined when empty. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

interface ModelRecord {
  requests: number;
  readonly latencies: number[];
  shown: number;
  accepted: number;
}

/**
 * What inline completions cost and earn, per model: request latency p50/p95
 * and how many suggestions were shown and accepted. Fed by the pipeline (latency,
 * shown) and the accept command on each item; read by the status bar and the view.
 */
export class CompletionStats {
  private readonly models = new Map<string, ModelRecord>();
  private readonly emitter = new Emitter<void>();
  readonly onDidChange: Event<void> = this.emitter.event;

  constructor(private readonly window = LATENCY_WINDOW) {}

  recordLatency(model: string, ms: number): void {
    if (!(ms >= 0)) return;
    const record = this.record(model);
    record.requests++;
    record.latencies.push(ms);
    if (record.latencies.length > this.window) record.latencies.shift();
    this.emitter.fire();
  }

  recordShown(model: string): void {
    this.record(model).shown++;
    this.emitter.fire();
  }

  recordAccepted(model: string): void {
    this.record(model).accepted++;
    this.emitter.fire();
  }

  snapshot(): CompletionModelStats[] {
    return [...this.models.entries()].map(([model, r]) => {
      const p50 = percentile(r.latencies, 50);
      const p95 = percentile(r.latencies, 95);
      return {
        model,
        requests: r.requests,
        ...(p50 !== undefined ? { latencyP50Ms: Math.round(p50) } : {}),
        ...(p95 !== undefined ? { latencyP95Ms: Math.round(p95) } : {}),
        shown: r.shown,
        accepted: r.accepted,
      };
    });
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private record(model: string): ModelRecord {
    let record = this.models.get(model);
    if (record === undefined) {
      record = { requests: 0, latencies: [], shown: 0, accepted: 0 };
      this.models.set(model, record);
    }
    return record;
  }
}

/** One line per model for the status tooltip, e.g. "`m`: p50 320 ms · p95 610 ms (42 requests) · 12 shown, 5 accepted (42%)". */
export function describeCompletionStats(stats: CompletionModelStats): string {
  const parts: string[] = [];
  if (stats.latencyP50Ms !== undefined && stats.latencyP95Ms !== undefined) {
    parts.push(`p50 ${stats.latencyP50Ms} ms · p95 ${stats.latencyP95Ms} ms (${stats.requests} request${stats.requests === 1 ? '' : 's'})`);
  } else {
    parts.push('no answered request yet');
  }
  const rate = stats.shown > 0 ? ` (${Math.round((100 * stats.accepted) / stats.shown)}%)` : '';
  parts.push(`${stats.shown} shown, ${stats.accepted} accepted${rate}`);
  return parts.join(' · ');
}

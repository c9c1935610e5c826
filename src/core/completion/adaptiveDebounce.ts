/** Gaps longer than this are pauses, not typing rhythm. */
export const MAX_TYPING_GAP_MS = 1000;
const RHYTHM_SAMPLES = 16;
const LATENCY_SAMPLES = 16;
/** Fewer gaps than this say little about a rhythm. */
const MIN_RHYTHM_SAMPLES = 3;
export const MAX_DEBOUNCE_MS = 2000;

/**
 * The delay between the last keystroke and a request, from three inputs:
 *
 *   rhythm  = clamp(1.25 × median(recent keystroke gaps), 0.5 × base, 2 × base)
 *             (just `base` until three gaps are known)
 *   penalty = min(0.1 × p50(model latency), base)
 *   delay   = min(rhythm + penalty, MAX_DEBOUNCE_MS)
 *
 * A request fired inside a burst of typing is wasted when the next key comes;
 * waiting a little longer than the user's usual gap avoids most of them, and
 * the clamp keeps the setting (`base`) in charge. A wasted request costs more
 * the slower the model (with one request slot on the daemon it also delays the
 * useful one), so slow models wait 10 % of their median latency longer: 20 ms
 * for a 200 ms model, 150 ms (at most `base`) for a 1.5 s one. `base` 0 turns
 * debouncing off altogether.
 */
export class AdaptiveDebounce {
  private readonly gaps: number[] = [];
  private readonly latencies: number[] = [];
  private lastKeystroke: number | undefined;

  constructor(private readonly baseMs: () => number) {}

  noteKeystroke(now: number): void {
    if (this.lastKeystroke !== undefined) {
      const gap = now - this.lastKeystroke;
      if (gap > 0 && gap <= MAX_TYPING_GAP_MS) push(this.gaps, gap, RHYTHM_SAMPLES);
    }
    this.lastKeystroke = now;
  }

  /** Duration of a request that ran to its end (not aborted). */
  noteLatency(ms: number): void {
    if (ms >= 0) push(this.latencies, ms, LATENCY_SAMPLES);
  }

  get latencyP50(): number | undefined {
    return median(this.latencies);
  }

  get delayMs(): number {
    const base = Math.max(0, this.baseMs());
    const gap = this.gaps.length >= MIN_RHYTHM_SAMPLES ? median(this.gaps) : undefined;
    const rhythm = gap === undefined ? base : clamp(1.25 * gap, 0.5 * base, 2 * base);
    const p50 = median(this.latencies);
    const penalty = p50 === undefined ? 0 : Math.min(0.1 * p50, base);
    return Math.round(Math.min(rhythm + penalty, MAX_DEBOUNCE_MS));
  }
}

function push(samples: number[], value: number, max: number): void {
  samples.push(value);
  if (samples.length > max) samples.shift();
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

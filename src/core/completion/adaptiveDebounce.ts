import { percentile } from './completionStats';

/** Gaps longer than this are pauses, not typing rhythm. */
export const MAX_TYPING_GAP_MS = 1000;
/** The rhythm is the median of the latest of these gaps. */
const RHYTHM_SAMPLES = 16;
/** Enough gaps for a tail: the 95th percentile of 32 is the second longest. */
const TAIL_SAMPLES = 32;
const TAIL_PERCENTILE = 95;
const LATENCY_SAMPLES = 16;
/** Fewer gaps than this say little about a rhythm. */
const MIN_RHYTHM_SAMPLES = 3;
/** Fewer gaps than this say little about its tail. */
const MIN_TAIL_SAMPLES = 8;
export const MAX_DEBOUNCE_MS = 2000;

/** The cursor right after a letter, digit, `_` or `$`: in a word the user is still typing. */
const IN_WORD = /[\w$]$/;

/**
 * The delay between the last keystroke and a request, from three inputs:
 *
 *   rhythm  = clamp(1.25 × median(recent keystroke gaps), 0.5 × base, 2 × base)
 *             (just `base` until three gaps are known)
 *   tail    = clamp(p95(recent keystroke gaps), rhythm, 4 × base)
 *             (the rhythm until eight gaps are known)
 *   penalty = min(0.1 × p50(model latency), base)
 *   delay   = min(rhythm + penalty, MAX_DEBOUNCE_MS) after a space, an
 *             operator, punctuation or a line break;
 *             min(tail + penalty, MAX_DEBOUNCE_MS) right after a word character
 *
 * A request fired inside a burst of typing is wasted when the next key comes;
 * waiting a little longer than the user's usual gap avoids most of them, and
 * the clamp keeps the setting (`base`) in charge. People pause after a word,
 * `.`, `(`, `,` or an operator and rarely inside a word, so there a request
 * waits past nearly all of this user's own typing gaps: a wasted request is
 * likelier there than anywhere, and the wait costs only at the rare pause in
 * the middle of a word. A wasted request costs more the slower the model
 * (with one request slot on the daemon it also delays the useful one), so
 * slow models wait 10 % of their median latency longer: 20 ms for a 200 ms
 * model, 150 ms (at most `base`) for a 1.5 s one. `base` 0 turns debouncing
 * off altogether.
 */
export class AdaptiveDebounce {
  private readonly gaps: number[] = [];
  private readonly latencies: number[] = [];
  private lastKeystroke: number | undefined;

  constructor(private readonly baseMs: () => number) {}

  noteKeystroke(now: number): void {
    if (this.lastKeystroke !== undefined) {
      const gap = now - this.lastKeystroke;
      if (gap > 0 && gap <= MAX_TYPING_GAP_MS) push(this.gaps, gap, TAIL_SAMPLES);
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

  /** The delay after anything but a word character. */
  get delayMs(): number {
    return this.withPenalty(this.rhythm());
  }

  /** The delay for a request whose cursor follows `textBefore` (inside a word: past the tail of the user's gaps). */
  delayAfter(textBefore: string): number {
    const rhythm = this.rhythm();
    const tail = this.gaps.length >= MIN_TAIL_SAMPLES ? percentile(this.gaps, TAIL_PERCENTILE) : undefined;
    if (tail === undefined || !IN_WORD.test(textBefore)) return this.withPenalty(rhythm);
    return this.withPenalty(clamp(tail, rhythm, Math.max(rhythm, 4 * this.base())));
  }

  private base(): number {
    return Math.max(0, this.baseMs());
  }

  private rhythm(): number {
    const base = this.base();
    const gap = this.gaps.length >= MIN_RHYTHM_SAMPLES ? median(this.gaps.slice(-RHYTHM_SAMPLES)) : undefined;
    return gap === undefined ? base : clamp(1.25 * gap, 0.5 * base, 2 * base);
  }

  private withPenalty(delay: number): number {
    const p50 = median(this.latencies);
    const penalty = p50 === undefined ? 0 : Math.min(0.1 * p50, this.base());
    return Math.round(Math.min(delay + penalty, MAX_DEBOUNCE_MS));
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

import { percentile } from './completionStats';

/** Gaps longer than this are pauses (too long for typing: a suggestion could have come), not typing rhythm. */
export const MAX_TYPING_GAP_MS = 600;
/** The rhythm is the median of the latest of these gaps. */
const RHYTHM_SAMPLES = 16;
/** Typing gaps kept per kind of keystroke: enough for a tail. */
const TAIL_SAMPLES = 48;
const FIRST_TOKEN_SAMPLES = 16;
/** Fewer gaps than this say little about a rhythm. */
const MIN_RHYTHM_SAMPLES = 3;
/** Fewer gaps than this say little about a tail. */
const MIN_TAIL_SAMPLES = 8;
export const MAX_DEBOUNCE_MS = 2000;
/**
 * The share of this user's typing gaps (in %) a request may start in, by
 * the kind of key just typed, for a typist whose gaps run about
 * REFERENCE_GAP_MS. Inside a word people rarely stop, so a request there
 * waits past nearly all of the gaps; after a space, punctuation or a line
 * break people often stop, so the wait is shorter and more gaps outlast it;
 * after a call, statement or block is closed (`)`, `]`, `}`, `;`) the next
 * thing is most often a new thought, the pause a suggestion is for, so the
 * wait is shorter still. A request started in a gap that turns out to be
 * typing holds the daemon until the next key, about as long as this user's
 * gaps run: so for a slower typist the share shrinks, a little faster than
 * in proportion ((REFERENCE_GAP_MS / median)^1.25: a typist with 240 ms gaps
 * waits past 92 % after a space, not 82 %). Chosen with bench:editor
 * (README): larger shares let the slow typist's hesitations start requests
 * nobody saw; smaller ones delayed the fast typist's suggestions past 650 ms,
 * and the slow typist's past the short pauses before a move to another line,
 * which mostly come after a closer.
 */
export const MISSED_GAPS_PCT = { word: 4, boundary: 18, closer: 40 } as const;
const REFERENCE_GAP_MS = 120;
/** How fast the shares shrink for typists slower than REFERENCE_GAP_MS (see MISSED_GAPS_PCT). */
const SLOWER_TYPIST_EXPONENT = 1.25;

/** The cursor right after a letter, digit, `_` or `$`: in a word the user is still typing. */
const IN_WORD = /[\w$]$/;
/** The cursor right after a call, index, block or statement was closed. */
const AFTER_CLOSER = /[)\]};]$/;

type KeyKind = keyof typeof MISSED_GAPS_PCT;
/** Gaps are kept apart for keys in a word and the others: a closer is followed by gaps like other punctuation's. */
type GapKind = 'word' | 'boundary';

function kindOf(textBefore: string): KeyKind {
  if (IN_WORD.test(textBefore)) return 'word';
  return AFTER_CLOSER.test(textBefore) ? 'closer' : 'boundary';
}

function gapKindOf(kind: KeyKind): GapKind {
  return kind === 'word' ? 'word' : 'boundary';
}

/**
 * The delay between the last keystroke and a request:
 *
 *   rhythm  = clamp(1.25 × median(recent typing gaps), 0.5 × base, 2 × base)
 *             (just `base` until three gaps are known)
 *   missed  = MISSED_GAPS_PCT[kind] × min(1, REFERENCE_GAP_MS / median)^1.25
 *             (kind: in a word, after a closer, after any other key)
 *   tail    = the (100 − missed)th percentile of the typing gaps that
 *             followed keys of the kind just typed (inside a word, or not;
 *             `median` is theirs), clamped to [0.5 × base, max(rhythm, 4 × base)]
 *             (the rhythm until eight such gaps are known)
 *   penalty = min(0.15 × p50(time to the model's first token), base)
 *   delay   = min(tail + penalty, MAX_DEBOUNCE_MS)
 *
 * A request started inside a burst of typing is wasted when the next key
 * comes; on a daemon with one slot it also holds up the one that matters.
 * Waiting past this user's own gaps avoids most of them; the share missed
 * per kind of key weighs that against how soon a suggestion shows at a real
 * pause, and the clamp keeps the setting (`base`) in charge. A wasted
 * request costs more the slower the model is to start answering (a request
 * stopped by the next key has rarely got further), so slow models wait
 * 15 % of their median time to first token longer: 30 ms for 200 ms, 150 ms
 * (at most `base`) for a second. The whole answer's time is no measure of
 * that: it grows with the answer's length, and a model that suggests three
 * lines at once is not slower to be wasted. `base` 0 turns debouncing off
 * altogether.
 */
export class AdaptiveDebounce {
  private readonly gaps: number[] = [];
  private readonly gapsAfter: Record<GapKind, number[]> = { word: [], boundary: [] };
  private readonly firstTokens: number[] = [];
  private lastKeystroke: { readonly at: number; readonly kind: GapKind } | undefined;

  constructor(private readonly baseMs: () => number) {}

  /** A key was typed at `now`, leaving `textBefore` before the cursor (its kind files the gap that follows it). */
  noteKeystroke(now: number, textBefore = ''): void {
    const last = this.lastKeystroke;
    if (last !== undefined) {
      const gap = now - last.at;
      if (gap > 0 && gap <= MAX_TYPING_GAP_MS) {
        push(this.gaps, gap, RHYTHM_SAMPLES);
        push(this.gapsAfter[last.kind], gap, TAIL_SAMPLES);
      }
    }
    this.lastKeystroke = { at: now, kind: gapKindOf(kindOf(textBefore)) };
  }

  /** A request's time from its start to the model's first token (or to its end, when it produced none). */
  noteFirstToken(ms: number): void {
    if (ms >= 0) push(this.firstTokens, ms, FIRST_TOKEN_SAMPLES);
  }

  get firstTokenP50(): number | undefined {
    return median(this.firstTokens);
  }

  /** The delay after a space, punctuation or a line break. */
  get delayMs(): number {
    return this.delayAfter(' ');
  }

  /** The delay for a request whose cursor follows `textBefore`. */
  delayAfter(textBefore: string): number {
    const base = this.base();
    if (base === 0) return 0;
    const rhythm = this.rhythm();
    const kind = kindOf(textBefore);
    const gaps = this.gapsAfter[gapKindOf(kind)];
    const tail = gaps.length >= MIN_TAIL_SAMPLES ? percentile(gaps, 100 - missedPct(kind, gaps)) : undefined;
    return this.withPenalty(tail === undefined ? rhythm : clamp(tail, 0.5 * base, Math.max(rhythm, 4 * base)));
  }

  private base(): number {
    return Math.max(0, this.baseMs());
  }

  private rhythm(): number {
    const base = this.base();
    const gap = this.gaps.length >= MIN_RHYTHM_SAMPLES ? median(this.gaps) : undefined;
    return gap === undefined ? base : clamp(1.25 * gap, 0.5 * base, 2 * base);
  }

  private withPenalty(delay: number): number {
    const p50 = median(this.firstTokens);
    const penalty = p50 === undefined ? 0 : Math.min(0.15 * p50, this.base());
    return Math.round(Math.min(delay + penalty, MAX_DEBOUNCE_MS));
  }
}

/** The share of gaps after `kind` a request may start in, for a typist with these gaps (see MISSED_GAPS_PCT). */
function missedPct(kind: KeyKind, gaps: readonly number[]): number {
  const typical = median(gaps) ?? REFERENCE_GAP_MS;
  return MISSED_GAPS_PCT[kind] * Math.min(1, REFERENCE_GAP_MS / typical) ** SLOWER_TYPIST_EXPONENT;
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

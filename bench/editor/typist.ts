import type { Prng } from '../completion/prng';

export type TypistName = 'fast' | 'slow';

/** How one kind of typist spaces keys, slips and stops to think. */
export interface Typist {
  readonly name: TypistName;
  /** Median of the log-normal inter-key gap. */
  readonly medianGapMs: number;
  /** Its spread (sigma of the underlying normal): most gaps fall within ×0.6–×1.7 of the median. */
  readonly sigma: number;
  /** Share of keys after a hesitation of 1.8–3.5 × the median: the long tail of typing gaps. */
  readonly hesitation: number;
  /** Share of letters typed wrong, noticed after 200–450 ms and fixed with Backspace. */
  readonly typoRate: number;
}

/** About 120 ms per key on average (p95 near 210 ms). */
export const FAST: Typist = { name: 'fast', medianGapMs: 100, sigma: 0.3, hesitation: 0.05, typoRate: 0.02 };
/** About 220 ms per key on average (p95 near 380 ms). */
export const SLOW: Typist = { name: 'slow', medianGapMs: 185, sigma: 0.3, hesitation: 0.05, typoRate: 0.02 };

/** Every gap at or above this is a pause; typing gaps are kept below it. */
export const PAUSE_MS = 600;
const MAX_TYPING_GAP_MS = 580;
const MIN_GAP_MS = 35;
/** Think pauses: 0.8–2 s, one every 15–40 keys, at the next word boundary (or, one time in five, right there). */
export const THINK_PAUSE_MS = { min: 800, max: 2000 } as const;
export const KEYS_BETWEEN_PAUSES = { min: 15, max: 40 } as const;
const PAUSE_MID_WORD = 0.2;
/** Typos: noticed after this long, then Backspace. */
export const TYPO_NOTICE_MS = { min: 200, max: 450 } as const;

const isWordChar = (ch: string): boolean => /[\w$]/.test(ch);

/**
 * Draws one typist's gaps from a seeded generator: log-normal around the
 * median, 20 % longer after a space, punctuation or Enter (the next word is
 * being chosen), a tail of hesitations, all below PAUSE_MS; and a think pause
 * every 15–40 keys.
 */
export class TypistClock {
  private keysUntilPause: number;

  constructor(
    readonly typist: Typist,
    private readonly rng: Prng,
  ) {
    this.keysUntilPause = this.drawPauseDistance();
  }

  /** The gap before a key, given the key typed before it ('' at the start). */
  gapBefore(previous: string): number {
    const t = this.typist;
    let gap = this.rng.logNormal(t.medianGapMs, t.sigma);
    if (previous !== '' && !isWordChar(previous.slice(-1))) gap *= 1.2;
    if (this.rng.chance(t.hesitation)) gap = t.medianGapMs * this.rng.between(1.8, 3.5);
    return Math.round(Math.min(Math.max(gap, MIN_GAP_MS), MAX_TYPING_GAP_MS));
  }

  /** Whether the typist slips on this character (a letter only). */
  slips(ch: string): boolean {
    return /[a-z]/i.test(ch) && this.rng.chance(this.typist.typoRate);
  }

  /** A wrong letter next to the intended one in the alphabet, in the same case. */
  wrongLetterFor(ch: string): string {
    const lower = ch.toLowerCase();
    const wrong = String.fromCharCode(((lower.charCodeAt(0) - 97 + this.rng.int(1, 25)) % 26) + 97);
    return ch === lower ? wrong : wrong.toUpperCase();
  }

  noticeTypoMs(): number {
    return Math.round(this.rng.between(TYPO_NOTICE_MS.min, TYPO_NOTICE_MS.max));
  }

  /**
   * Called after each key: the think pause to take before the next step, if
   * one is due here. Due once the key count since the last pause has run
   * out, at a word boundary (or, one time in five, mid-word).
   */
  pauseAfter(key: string): number | undefined {
    this.keysUntilPause--;
    if (this.keysUntilPause > 0) return undefined;
    if (isWordChar(key.slice(-1)) && key.length === 1 && !this.rng.chance(PAUSE_MID_WORD)) return undefined;
    return this.takePause(THINK_PAUSE_MS.min, THINK_PAUSE_MS.max);
  }

  /** A pause the session itself calls for (before moving elsewhere); it restarts the count. */
  takePause(min: number, max: number): number {
    this.keysUntilPause = this.drawPauseDistance();
    return Math.round(this.rng.between(min, max));
  }

  between(min: number, max: number): number {
    return Math.round(this.rng.between(min, max));
  }

  private drawPauseDistance(): number {
    return this.rng.int(KEYS_BETWEEN_PAUSES.min, KEYS_BETWEEN_PAUSES.max);
  }
}

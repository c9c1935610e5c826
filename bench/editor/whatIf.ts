import type { RequestFacts } from './requestFacts';

/**
 * A session's generation never shown, as it is and as it would be with one
 * kind of request removed or cut short. First order only: the slot time
 * freed is not given to anyone, and a request left out is not replaced.
 */
export interface WhatIf {
  readonly nowPct: number;
  /** Mid-typing requests never sent (those typed through and shown are lost with the rest). */
  readonly noMidTypingPct: number;
  /** Wasted mid-typing requests closed at the keystroke after their position. */
  readonly abortAtNextKeyPct: number;
  /** Wasted mid-typing requests that reached the daemon after that keystroke never sent. */
  readonly noStaleOnArrivalPct: number;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const pct = (part: number, whole: number): number => (whole > 0 ? Number(((100 * part) / whole).toFixed(1)) : 0);

export function whatIf(facts: readonly RequestFacts[]): WhatIf {
  const gen = (some: readonly RequestFacts[]): number => sum(some.map((f) => f.generationMs));
  const total = gen(facts);
  const wasted = gen(facts.filter((f) => !f.shown));
  const mid = facts.filter((f) => f.midTyping);
  const midWasted = mid.filter((f) => !f.shown);
  const afterKey = sum(midWasted.map((f) => f.heldAfterNextStepMs));
  const stale = gen(midWasted.filter((f) => (f.untilNextStepMs ?? 0) < 0));
  return {
    nowPct: pct(wasted, total),
    noMidTypingPct: pct(wasted - gen(midWasted), total - gen(mid)),
    abortAtNextKeyPct: pct(wasted - afterKey, total - afterKey),
    noStaleOnArrivalPct: pct(wasted - stale, total - stale),
  };
}

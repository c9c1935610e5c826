import { percentile } from '../../src/core/completion/completionStats';
import type { RequestFacts } from './requestFacts';

/** Where the generation nobody saw went, over some sessions' requests. */
export interface WasteBreakdown {
  readonly requests: number;
  readonly wasted: number;
  readonly generationMs: number;
  readonly wastedMs: number;
  /** Requests asked mid-typing, and how many of them were shown all the same (typed through). */
  readonly midTypingAll: number;
  readonly midTypingShown: number;
  /** Wasted requests asked mid-typing, and their share of the wasted time. */
  readonly midTyping: number;
  readonly midTypingWastedPct: number;
  /** Of the wasted mid-typing time, the part after the keystroke that made them stale (an abort at that keystroke saves it). */
  readonly midTypingWastedAfterKeyPct: number;
  /** How wasted requests ended: closed before their first token, closed while streaming, or run to the end. */
  readonly endedInPrefill: number;
  readonly endedStreaming: number;
  readonly ranToEnd: number;
  /** Wasted mid-typing requests that reached the daemon after the user had typed on (stale on arrival). */
  readonly staleOnArrival: number;
  /** For wasted mid-typing requests: their keystroke → arrival, arrival → next keystroke, arrival → end (p50 / p90). */
  readonly sinceKeyMs: Spread;
  readonly untilNextKeyMs: Spread;
  readonly lifeMs: Spread;
  /** The slot held after the keystroke that made them stale: p50 / p90 per request, and the total. */
  readonly heldAfterKeyMs: Spread;
  readonly heldAfterKeyTotalMs: number;
  /** Wasted mid-typing requests whose position was right after an identifier character. */
  readonly midTypingAfterWordChar: number;
  /** Requests of any kind that waited for the slot (more than 5 ms), and how long (p50 / p90). */
  readonly queued: number;
  readonly queuedMs: Spread;
  /** Requests that arrived while a suggestion was on screen. */
  readonly whileShown: number;
}

export interface Spread {
  readonly p50: number;
  readonly p90: number;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const spread = (values: readonly number[]): Spread => ({ p50: Math.round(percentile(values, 50) ?? 0), p90: Math.round(percentile(values, 90) ?? 0) });

export function wasteBreakdown(facts: readonly RequestFacts[]): WasteBreakdown {
  const wasted = facts.filter((f) => !f.shown);
  const wastedMs = sum(wasted.map((f) => f.generationMs));
  const mid = wasted.filter((f) => f.midTyping);
  const midMs = sum(mid.map((f) => f.generationMs));
  const queued = facts.filter((f) => f.queuedMs > 5);
  return {
    requests: facts.length,
    wasted: wasted.length,
    generationMs: Math.round(sum(facts.map((f) => f.generationMs))),
    wastedMs: Math.round(wastedMs),
    midTypingAll: facts.filter((f) => f.midTyping).length,
    midTypingShown: facts.filter((f) => f.midTyping && f.shown).length,
    midTyping: mid.length,
    midTypingWastedPct: wastedMs > 0 ? Math.round((100 * midMs) / wastedMs) : 0,
    midTypingWastedAfterKeyPct: midMs > 0 ? Math.round((100 * sum(mid.map((f) => f.heldAfterNextStepMs))) / midMs) : 0,
    endedInPrefill: wasted.filter((f) => f.end === 'closedInPrefill').length,
    endedStreaming: wasted.filter((f) => f.end === 'closedStreaming').length,
    ranToEnd: wasted.filter((f) => f.end === 'done').length,
    staleOnArrival: mid.filter((f) => (f.untilNextStepMs ?? Infinity) < 0).length,
    sinceKeyMs: spread(mid.map((f) => f.sinceKeyMs)),
    untilNextKeyMs: spread(mid.flatMap((f) => (f.untilNextStepMs !== undefined ? [f.untilNextStepMs] : []))),
    lifeMs: spread(mid.map((f) => f.lifeMs)),
    heldAfterKeyMs: spread(mid.map((f) => f.heldAfterNextStepMs)),
    heldAfterKeyTotalMs: Math.round(sum(mid.map((f) => f.heldAfterNextStepMs))),
    midTypingAfterWordChar: mid.filter((f) => f.afterWordChar).length,
    queued: queued.length,
    queuedMs: spread(queued.map((f) => f.queuedMs)),
    whileShown: facts.filter((f) => f.whileShown).length,
  };
}

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

import { percentile } from '../../src/core/completion/completionStats';
import { attributeGhosts } from './ghostAttribution';
import { answerToScreenMs, staleSlotAtPauses } from './pathTimings';
import { pausesOf } from './pauses';
import type { Pause } from './pauses';
import { requestFacts } from './requestFacts';
import type { RequestFacts } from './requestFacts';
import type { SessionRun } from './sessionRun';

/** The figures of one session (see the README's definitions). */
export interface SessionFigures {
  readonly keys: number;
  readonly pauses: readonly Pause[];
  readonly pauseCoveragePct: number;
  readonly pauseToGhostP50Ms: number;
  readonly pauseToGhostP95Ms: number;
  readonly requests: number;
  readonly requestsMidTyping: number;
  /** Closed by the client and never shown (Hearth closing a finished answer is not counted). */
  readonly requestsAborted: number;
  readonly requestsClosedInPrefill: number;
  /** Ran to `done` and never shown. */
  readonly requestsDoneUnshown: number;
  /** Arrived while a suggestion was on screen (typing through it, or a cached one). */
  readonly requestsWhileShown: number;
  readonly generationMs: number;
  readonly wastedGenerationMs: number;
  /** Generation time of requests never shown, as % of all generation time. */
  readonly wastedGenerationPct: number;
  /** Non-empty ghost samples no request explains (should be none). */
  readonly unexplainedGhosts: number;
  /** Requests whose prompt matches no document state (should be none). */
  readonly unplacedRequests: number;
  /** The saved document equals the script's text. */
  readonly documentExact: boolean;
  /** Per shown request: its end at the daemon → its answer on screen. */
  readonly answerToScreenMs: readonly number[];
  /** Per pause entered while a request about another position, never shown, held the slot: how long it still held it. */
  readonly staleSlotIntoPauseMs: readonly number[];
  readonly facts: readonly RequestFacts[];
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export function sessionFigures(run: SessionRun): SessionFigures {
  const attribution = attributeGhosts(run);
  const pauses = pausesOf(run, attribution);
  const facts = requestFacts(run, attribution);
  const covered = pauses.filter((p) => p.shownAt !== undefined);
  const waits = covered.map((p) => (p.shownAt ?? p.start) - p.start);
  const generationMs = sum(facts.map((f) => f.generationMs));
  const wastedGenerationMs = sum(facts.filter((f) => !f.shown).map((f) => f.generationMs));
  return {
    keys: run.script.steps.filter((s) => s.kind === 'key').length,
    pauses,
    pauseCoveragePct: pauses.length > 0 ? round((100 * covered.length) / pauses.length) : 0,
    pauseToGhostP50Ms: Math.round(percentile(waits, 50) ?? 0),
    pauseToGhostP95Ms: Math.round(percentile(waits, 95) ?? 0),
    requests: facts.length,
    requestsMidTyping: facts.filter((f) => f.midTyping).length,
    requestsAborted: facts.filter((f) => !f.shown && (f.end === 'closedInPrefill' || f.end === 'closedStreaming')).length,
    requestsClosedInPrefill: facts.filter((f) => f.end === 'closedInPrefill').length,
    requestsDoneUnshown: facts.filter((f) => !f.shown && f.end === 'done').length,
    requestsWhileShown: facts.filter((f) => f.whileShown).length,
    generationMs: Math.round(generationMs),
    wastedGenerationMs: Math.round(wastedGenerationMs),
    wastedGenerationPct: generationMs > 0 ? round((100 * wastedGenerationMs) / generationMs) : 0,
    unexplainedGhosts: attribution.ghosts.filter((g) => g.text.trim() !== '' && g.requestId === undefined).length,
    unplacedRequests: run.requests.filter((r) => !attribution.anchors.has(r.id)).length,
    documentExact: run.finalText === run.script.finalText,
    answerToScreenMs: answerToScreenMs(run, attribution),
    staleSlotIntoPauseMs: staleSlotAtPauses(run, attribution, pauses),
    facts,
  };
}

/** The six figures of the final JSON line, as means over sessions. */
export interface Headline {
  readonly pause_coverage_pct: number;
  readonly pause_to_ghost_p50_ms: number;
  readonly pause_to_ghost_p95_ms: number;
  readonly requests: number;
  readonly requests_mid_typing: number;
  readonly wasted_generation_pct: number;
}

export function headline(sessions: readonly SessionFigures[]): Headline {
  const mean = (pick: (f: SessionFigures) => number, digits = 1): number =>
    sessions.length > 0 ? round(sum(sessions.map(pick)) / sessions.length, digits) : 0;
  return {
    pause_coverage_pct: mean((f) => f.pauseCoveragePct),
    pause_to_ghost_p50_ms: mean((f) => f.pauseToGhostP50Ms, 0),
    pause_to_ghost_p95_ms: mean((f) => f.pauseToGhostP95Ms, 0),
    requests: mean((f) => f.requests),
    requests_mid_typing: mean((f) => f.requestsMidTyping),
    wasted_generation_pct: mean((f) => f.wastedGenerationPct),
  };
}

import { stateAt } from './ghostAttribution';
import type { Attribution } from './ghostAttribution';
import type { RequestRecord, SessionRun } from './sessionRun';
import { PAUSE_MS } from './typist';

/** How a request ended at the daemon. */
export type RequestEnd = 'done' | 'closedInPrefill' | 'closedStreaming' | 'fault' | 'pending';

/** One request placed among the keystrokes: the evidence for where generation goes. */
export interface RequestFacts {
  readonly id: number;
  /** Its answer was on screen at least once. */
  readonly shown: boolean;
  readonly end: RequestEnd;
  /** The document state it asked about, when its prompt matches one. */
  readonly state?: number;
  /**
   * It asked about a position the user typed on from within PAUSE_MS (the
   * scripted gap after that position's keystroke is a typing gap, not a
   * pause): only typing through its answer could have used it.
   */
  readonly midTyping: boolean;
  /** From the keystroke that made its position to its arrival at the daemon. */
  readonly sinceKeyMs: number;
  /** From its arrival to the next step after its position; negative when the user had moved on before it arrived. */
  readonly untilNextStepMs?: number;
  /** Waiting for the daemon's one slot. */
  readonly queuedMs: number;
  /** Slot → first token; undefined when none came. */
  readonly prefillMs?: number;
  /** Arrival → end. */
  readonly lifeMs: number;
  /** Slot → end: the model's busy time. */
  readonly generationMs: number;
  /** How long it held the slot after the next step began (the keystroke that made it stale). */
  readonly heldAfterNextStepMs: number;
  /** A suggestion was on screen when it arrived. */
  readonly whileShown: boolean;
  /** Its position is right after an identifier character (inside or at the end of a word), where people rarely stop. */
  readonly afterWordChar: boolean;
  readonly tokens: number;
}

export function requestEnd(request: RequestRecord): RequestEnd {
  switch (request.outcome) {
    case 'completed':
      return 'done';
    case 'clientClosed':
      return request.firstTokenAt === undefined ? 'closedInPrefill' : 'closedStreaming';
    case 'fault':
      return 'fault';
    case 'pending':
      return 'pending';
  }
}

/**
 * The facts of every request of a session, placed by the position it asked
 * about (its anchor); a request whose prompt matches no state is placed by
 * its arrival instead.
 */
export function requestFacts(run: SessionRun, attribution: Attribution): RequestFacts[] {
  const { steps, script } = run;
  return run.requests.map((request): RequestFacts => {
    const state = attribution.anchors.get(request.id)?.state ?? stateAt(steps, request.startedAt);
    // State s is what step s - 1 left; step s comes next.
    const keyAt = state > 0 ? (steps[state - 1]?.doneAt ?? request.startedAt) : request.startedAt;
    const next = steps[state];
    const gapMs = script.steps[state]?.gapMs ?? script.finalPauseMs;
    const endedAt = request.endedAt ?? run.endAt;
    const slotAt = request.slotAt;
    return {
      id: request.id,
      shown: attribution.shown.has(request.id),
      end: requestEnd(request),
      ...(attribution.anchors.has(request.id) ? { state } : {}),
      midTyping: state > 0 && next !== undefined && gapMs < PAUSE_MS,
      sinceKeyMs: request.startedAt - keyAt,
      ...(next !== undefined ? { untilNextStepMs: next.at - request.startedAt } : {}),
      queuedMs: (slotAt ?? endedAt) - request.startedAt,
      ...(request.firstTokenAt !== undefined && slotAt !== undefined ? { prefillMs: request.firstTokenAt - slotAt } : {}),
      lifeMs: endedAt - request.startedAt,
      generationMs: slotAt !== undefined ? Math.max(0, endedAt - slotAt) : 0,
      heldAfterNextStepMs: next !== undefined && slotAt !== undefined ? Math.max(0, endedAt - Math.max(next.at, slotAt)) : 0,
      whileShown: ghostOnScreen(attribution, request.startedAt),
      afterWordChar: /[\w$]$/.test(script.states[state]?.prefix ?? ''),
      tokens: request.tokens,
    };
  });
}

function ghostOnScreen(attribution: Attribution, t: number): boolean {
  let current: string | undefined;
  for (const sample of attribution.ghosts) {
    if (sample.at > t) break;
    current = sample.requestId !== undefined ? sample.text : '';
  }
  return current !== undefined && current.trim() !== '';
}

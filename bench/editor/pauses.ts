import { serves } from './ghostAttribution';
import type { Attribution } from './ghostAttribution';
import type { SessionRun } from './sessionRun';
import { PAUSE_MS } from './typist';

/**
 * A pause: the user stops at an editable position for PAUSE_MS or longer
 * after a keystroke, whatever comes next (more typing, a move elsewhere,
 * the end of the session). It is decided by the script (the scripted gap),
 * and timed by the editor: from the keydown of the key before it to the
 * first keydown of the step after it (or the session's end).
 */
export interface Pause {
  /** The document state during the pause. */
  readonly state: number;
  readonly start: number;
  readonly end: number;
  /** When a suggestion for this position was first on screen during it (the start, if one already was). */
  readonly shownAt?: number;
  /** The request whose answer that suggestion was. */
  readonly servedBy?: number;
  /** It starts right after an identifier character. */
  readonly afterWordChar: boolean;
}

/** The script's pauses, with when (and by which request) a suggestion first showed in each. */
export function pausesOf(run: SessionRun, attribution: Attribution): Pause[] {
  const pauses: Pause[] = [];
  const { steps, script } = run;
  script.steps.forEach((step, k) => {
    if (step.kind !== 'key') return;
    const next = script.steps[k + 1];
    const gap = next?.gapMs ?? script.finalPauseMs;
    const at = steps[k];
    if (gap < PAUSE_MS || at === undefined) return;
    const start = at.doneAt;
    const end = next === undefined ? run.endAt : (steps[k + 1]?.at ?? run.endAt);
    const shown = firstShown(run, attribution, k + 1, start, end);
    const afterWordChar = /[\w$]$/.test(script.states[k + 1]?.prefix ?? '');
    pauses.push({ state: k + 1, start, end, afterWordChar, ...(shown !== undefined ? { shownAt: shown.at, servedBy: shown.requestId } : {}) });
  });
  return pauses;
}

/**
 * The first moment in [start, end) when the ghost on screen was an answer
 * for `state`: a sample that was current at some point of the interval and
 * that its producer's answer explains in that state. A ghost left over from
 * before the keystroke (and about to go) does not count.
 */
function firstShown(run: SessionRun, attribution: Attribution, state: number, start: number, end: number): { at: number; requestId: number } | undefined {
  const ghosts = attribution.ghosts;
  for (let i = 0; i < ghosts.length; i++) {
    const sample = ghosts[i];
    if (sample === undefined || sample.requestId === undefined) continue;
    const until = ghosts[i + 1]?.at ?? Infinity;
    if (until <= start || sample.at >= end) continue;
    const request = run.requests.find((r) => r.id === sample.requestId);
    const anchor = attribution.anchors.get(sample.requestId);
    if (request === undefined || anchor === undefined || !serves(run, request, anchor, state, sample.text)) continue;
    return { at: Math.max(start, sample.at), requestId: sample.requestId };
  }
  return undefined;
}

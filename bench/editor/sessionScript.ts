import { Prng, hashText } from '../completion/prng';
import { BACKSPACE, ENTER, EditorModel } from './editorModel';
import type { DocState, EditorKey, LineColumn, TextEdit } from './editorModel';
import type { SessionKind, SessionPlan } from './sessionPlans';
import { TypistClock } from './typist';
import type { Typist, TypistName } from './typist';

/** One scripted step, `gapMs` after the previous one (the first: after the session starts). */
export type Step =
  | { readonly kind: 'key'; readonly key: EditorKey; readonly gapMs: number; readonly edit: TextEdit; readonly typo?: true }
  | { readonly kind: 'move'; readonly to: LineColumn; readonly offset: number; readonly gapMs: number };

/** A seeded typing session: what is pressed when, and the document after every step. */
export interface SessionScript {
  readonly kind: SessionKind;
  readonly typist: TypistName;
  readonly extension: string;
  readonly languageId: string;
  readonly initialText: string;
  readonly start: LineColumn;
  readonly steps: readonly Step[];
  /** states[0] before the first step, states[i + 1] after step i. */
  readonly states: readonly DocState[];
  /** The user waits this long after the last step before the session ends (the last pause). */
  readonly finalPauseMs: number;
  readonly finalText: string;
}

/** Before a move: finding the place (scrolling, clicking). After it: reaction time before the first key. */
export const MOVE_GAP_MS = { min: 700, max: 1600 } as const;
export const REACTION_MS = { min: 180, max: 420 } as const;
export const FINAL_PAUSE_MS = 2500;

/** The same typist slips and pauses in the same places on every run: the seed is the session's name. */
export function sessionSeed(kind: SessionKind, typist: TypistName): number {
  return hashText(`${kind}/${typist}`);
}

/**
 * Turns a plan into keys with a typist's timing. Typed text goes in one key
 * at a time; a new line is Enter (which keeps the indentation) followed by
 * the spaces or Backspaces that fix it; a slip is a wrong letter, a moment,
 * Backspace and the right one.
 */
export function scriptSession(plan: SessionPlan, typist: Typist, seed = sessionSeed(plan.kind, typist.name)): SessionScript {
  const clock = new TypistClock(typist, new Prng(seed));
  const model = new EditorModel(plan.text);
  const start = model.positionAfter(plan.startAfter);
  model.moveTo(start);
  const steps: Step[] = [];
  const states: DocState[] = [model.state];
  let pendingGap: number | undefined = clock.between(REACTION_MS.min, REACTION_MS.max);
  let previous = '';

  const press = (key: EditorKey, typo?: true): void => {
    const gapMs = pendingGap ?? clock.gapBefore(previous);
    pendingGap = clock.pauseAfter(key);
    const edit = model.press(key);
    steps.push({ kind: 'key', key, gapMs, edit, ...(typo ? { typo } : {}) });
    states.push(model.state);
    previous = key === ENTER ? '\n' : key === BACKSPACE ? ' ' : key;
  };
  const typeChars = (text: string): void => {
    for (const ch of text) {
      if (clock.slips(ch)) {
        press(clock.wrongLetterFor(ch), true);
        pendingGap = clock.noticeTypoMs();
        press(BACKSPACE, true);
      }
      press(ch);
    }
  };
  const typeLines = (text: string): void => {
    text.split('\n').forEach((line, i) => {
      if (i > 0) {
        press(ENTER);
        const want = /^[ \t]*/.exec(line)?.[0] ?? '';
        const have = model.lineBefore;
        let common = 0;
        while (common < have.length && have[common] === want[common]) common++;
        for (let k = have.length; k > common; k--) press(BACKSPACE);
        typeChars(want.slice(common));
        typeChars(line.slice(want.length));
      } else {
        typeChars(line);
      }
    });
  };

  for (const step of plan.steps) {
    if ('type' in step) typeLines(step.type);
    else if ('erase' in step) for (let k = 0; k < step.erase; k++) press(BACKSPACE);
    else {
      const gapMs = clock.takePause(MOVE_GAP_MS.min, MOVE_GAP_MS.max);
      const to = model.positionAfter(step.moveAfter);
      model.moveTo(to);
      steps.push({ kind: 'move', to, offset: model.offset, gapMs });
      states.push(model.state);
      pendingGap = clock.between(REACTION_MS.min, REACTION_MS.max);
      previous = '';
    }
  }
  return {
    kind: plan.kind,
    typist: typist.name,
    extension: plan.extension,
    languageId: plan.languageId,
    initialText: plan.text,
    start,
    steps,
    states,
    finalPauseMs: FINAL_PAUSE_MS,
    finalText: model.text,
  };
}


// Small hand-made sessions for the editor benchmark's join and figures: a few
// keys with chosen gaps, the times the editor saw them, ghost samples and
// stand-in records, on one clock starting at 0.
import { EditorModel } from '../../../../bench/editor/editorModel';
import type { DocState, LineColumn } from '../../../../bench/editor/editorModel';
import type { GhostSample, RequestRecord, SessionRun } from '../../../../bench/editor/sessionRun';
import type { SessionScript, Step } from '../../../../bench/editor/sessionScript';

/** A step: a key with the gap before it, or a move. */
export type FixtureStep = readonly [key: string, gapMs: number] | { readonly move: LineColumn; readonly gapMs: number };

export function fixtureScript(text: string, start: LineColumn, keys: readonly FixtureStep[], finalPauseMs = 2000): SessionScript {
  const model = new EditorModel(text, start);
  const states: DocState[] = [model.state];
  const steps: Step[] = keys.map((k): Step => {
    if ('move' in k) {
      model.moveTo(k.move);
      states.push(model.state);
      return { kind: 'move', to: k.move, offset: model.offset, gapMs: k.gapMs };
    }
    const [key, gapMs] = k;
    const edit = model.press(key);
    states.push(model.state);
    return { kind: 'key', key, gapMs, edit };
  });
  return { kind: 'new-code', typist: 'fast', extension: 'ts', languageId: 'typescript', initialText: text, start, steps, states, finalPauseMs, finalText: model.text };
}

/** A run whose steps happened exactly at their scripted times, from t = 0. */
export function fixtureRun(script: SessionScript, ghosts: readonly GhostSample[], requests: readonly RequestRecord[], finalText = script.finalText): SessionRun {
  let t = 0;
  const steps = script.steps.map((s) => {
    t += s.gapMs;
    return { at: t, doneAt: t };
  });
  return { script, config: 'hearth', model: 'fixed', steps, endAt: t + script.finalPauseMs, ghosts, requests, finalText };
}

/** A request with Qwen's raw FIM prompt for `state` (or the end of its cursor line), on the given times. */
export function fixtureRequest(
  script: SessionScript,
  state: number,
  times: { id: number; startedAt: number; slotAt?: number; firstTokenAt?: number; endedAt: number },
  text: string,
  opts: { outcome?: RequestRecord['outcome']; afterLine?: boolean } = {},
): RequestRecord {
  const doc = script.states[state];
  if (doc === undefined) throw new Error(`no state ${state}`);
  const rest = opts.afterLine ? (doc.suffix.split('\n', 1)[0] ?? '') : '';
  const prompt = `<|fim_prefix|>${doc.prefix + rest}<|fim_suffix|>${doc.suffix.slice(rest.length)}<|fim_middle|>`;
  return {
    id: times.id,
    startedAt: times.startedAt,
    slotAt: times.slotAt ?? times.startedAt,
    ...(times.firstTokenAt !== undefined ? { firstTokenAt: times.firstTokenAt } : {}),
    endedAt: times.endedAt,
    outcome: opts.outcome ?? 'completed',
    tokens: times.firstTokenAt === undefined ? 0 : 4,
    prompt,
    text: times.firstTokenAt === undefined ? '' : text,
  };
}

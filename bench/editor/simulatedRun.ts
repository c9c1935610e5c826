import { replay } from '../completion/replay';
import type { Trace, TraceEvent } from '../completion/traceBuilder';
import { AnswerModel } from './answerModel';
import type { ModelBehaviour } from './answerModel';
import { requestRecord } from './sessionRun';
import type { ConfigName, RequestRecord, SessionRun } from './sessionRun';
import type { SessionScript } from './sessionScript';

/** A session as a trace of the simulated benchmark: a move to the start, then every step at its scripted time. */
export function sessionTrace(script: SessionScript): Trace {
  const events: TraceEvent[] = [{ at: 0, kind: 'move', offset: script.states[0]?.prefix.length ?? 0 }];
  let at = 0;
  for (const step of script.steps) {
    at += step.gapMs;
    if (step.kind === 'move') events.push({ at, kind: 'move', offset: step.offset });
    else if (step.edit.kind === 'backspace') events.push({ at, kind: 'backspace' });
    else events.push({ at, kind: 'insert', text: step.edit.text });
  }
  return {
    name: `${script.kind} ${script.typist}`,
    uri: `file:///bench/${script.kind}-${script.typist}.${script.extension}`,
    languageId: script.languageId,
    initialText: script.initialText,
    events,
  };
}

/**
 * Plays a session through the simulated benchmark (bench/completion's
 * replay: the real pipeline, VS Code's part played by the benchmark) against
 * the same model, and returns it in the shape the real editor's run has, so
 * the same join and figures apply to both.
 */
export async function simulateSession(script: SessionScript, config: ConfigName, behaviour: ModelBehaviour): Promise<SessionRun> {
  const model = new AnswerModel(script, behaviour);
  const result = await replay(sessionTrace(script), config, { reply: (request) => model.reply(request), finalPauseMs: script.finalPauseMs });
  // Event 0 is the move to the start; the script's steps follow it.
  const steps = result.eventTimes.slice(1).map((at) => ({ at, doneAt: at }));
  return {
    script,
    config,
    model: behaviour,
    steps,
    endAt: result.endAt,
    ghosts: result.ghosts,
    requests: result.requests.map(requestRecord).filter((r): r is RequestRecord => r !== undefined),
    finalText: result.finalText,
  };
}

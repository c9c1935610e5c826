import type { GenerationRequest, ScriptedReply } from '../../test/fakes/ollamaStandIn';
import { hashText } from '../completion/prng';
import { codeTokens } from '../completion/simulatedModel';
import type { SessionScript } from './sessionScript';

export type ModelBehaviour = 'fixed' | 'predictive';
export const MODEL_BEHAVIOURS: readonly ModelBehaviour[] = ['fixed', 'predictive'];

/**
 * What the fixed model answers everywhere: a plausible statement the user
 * never types, on two lines, as a code model runs on past the line. No
 * brackets, so post-processing keeps it in every context of the sessions.
 */
export const FIXED_ANSWER = 'total += step * 2;\nreturn total;';
/** Share of positions where the predictive model answers what the user really types next. */
export const PREDICTED_SHARE = 0.5;
const MAX_LINES = 3;
const KEY_BEFORE = 300;
const KEY_AFTER = 100;

/** The text before and after the cursor in a Qwen2.5-Coder raw FIM prompt (the model Hearth uses by default). */
export function fimParts(prompt: string): { prefix: string; suffix: string } | undefined {
  const open = prompt.lastIndexOf('<|fim_prefix|>');
  const hole = prompt.indexOf('<|fim_suffix|>', open);
  const end = prompt.indexOf('<|fim_middle|>', hole);
  if (open < 0 || hole < 0 || end < 0) return undefined;
  return { prefix: prompt.slice(open + '<|fim_prefix|>'.length, hole), suffix: prompt.slice(hole + '<|fim_suffix|>'.length, end) };
}

/** A position by the text around it, as far as any prompt window reaches. */
export function positionKey(prefix: string, suffix: string): string {
  return `${prefix.slice(-KEY_BEFORE)}\u0000${suffix.slice(0, KEY_AFTER)}`;
}

/** Whether the predictive model gets this position right: a hash of the position, the same for every configuration. */
export function predictsAt(prefix: string, suffix: string): boolean {
  return (hashText(positionKey(prefix, suffix)) % 1000) / 1000 < PREDICTED_SHARE;
}

/**
 * What the user ends up typing from each position of the session on, typos
 * cancelled out: up to a cursor move, a Backspace into text that was there
 * before, or three lines.
 */
export function netFutures(script: SessionScript): Map<string, string> {
  const futures = new Map<string, string>();
  script.states.forEach((state, from) => {
    let typed = '';
    for (const step of script.steps.slice(from)) {
      if (step.kind === 'move') break;
      if (step.edit.kind === 'backspace') {
        if (typed === '') break;
        typed = typed.slice(0, -1);
        continue;
      }
      typed += step.edit.text;
      if (typed.split('\n').length > MAX_LINES) {
        typed = typed.split('\n').slice(0, MAX_LINES).join('\n');
        break;
      }
    }
    const key = positionKey(state.prefix, state.suffix);
    if (!futures.has(key)) futures.set(key, typed);
  });
  return futures;
}

/**
 * The stand-in's model for one session. `fixed` answers FIXED_ANSWER
 * everywhere; `predictive` answers the user's real next text where
 * predictsAt() says so and something is typed there next, else
 * FIXED_ANSWER. Deterministic: Hearth and the naive baseline meet the same
 * answer at the same place.
 */
export class AnswerModel {
  private readonly futures: Map<string, string>;

  constructor(
    script: SessionScript,
    readonly behaviour: ModelBehaviour,
  ) {
    this.futures = behaviour === 'predictive' ? netFutures(script) : new Map<string, string>();
  }

  answer(prompt: string): string {
    if (this.behaviour === 'fixed') return FIXED_ANSWER;
    const fim = fimParts(prompt);
    if (fim === undefined || !predictsAt(fim.prefix, fim.suffix)) return FIXED_ANSWER;
    const future = this.futures.get(positionKey(fim.prefix, fim.suffix)) ?? '';
    return future.trim() === '' ? FIXED_ANSWER : future;
  }

  reply(request: GenerationRequest): ScriptedReply {
    const prompt = typeof request.body.prompt === 'string' ? request.body.prompt : '';
    return { tokens: codeTokens(this.answer(prompt)) };
  }
}

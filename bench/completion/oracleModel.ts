import type { GenerationRequest, ScriptedReply } from '../../test/fakes/ollamaStandIn';
import { hashText } from './prng';
import type { Trace } from './traceBuilder';
import { VirtualDocument } from './virtualDocument';

/** Share of positions where the model guesses what the user is about to type. */
export const ORACLE_ACCURACY = 0.7;
const MAX_LINES = 3;
const KEY_BEFORE = 300;
const KEY_AFTER = 100;

const key = (before: string, after: string): string => `${before.slice(-KEY_BEFORE)}\u0000${after.slice(0, KEY_AFTER)}`;

/** Code-like tokens (identifiers, numbers, single punctuation) with their leading whitespace: ~3.5 characters each. */
export function codeTokens(text: string): string[] {
  return text.match(/\s*(?:[A-Za-z_$][\w$]*|\d+|[^\s\w$])|\s+$/g) ?? [];
}

/**
 * A stand-in "model" for a trace: at each position the trace passes through,
 * it knows what the user will type next there (the net text, typos and their
 * fixes cancelled out, up to three lines), and answers with it at
 * ORACLE_ACCURACY of positions (chosen by hash, so both configurations meet
 * the same model); elsewhere it answers something that diverges.
 */
export class OracleModel {
  private readonly futures = new Map<string, string>();

  constructor(trace: Trace) {
    const doc = new VirtualDocument(trace.uri, trace.languageId, trace.initialText);
    const events = trace.events;
    const remember = (from: number): void => {
      const { before, after } = doc.around();
      this.futures.set(key(before, after), netFuture(events, from));
    };
    remember(0);
    events.forEach((event, i) => {
      if (event.kind === 'insert') doc.insert(event.text);
      else if (event.kind === 'backspace') doc.backspace();
      else doc.moveTo(event.offset);
      remember(i + 1);
    });
  }

  reply(request: GenerationRequest): ScriptedReply {
    const prompt = typeof request.body.prompt === 'string' ? request.body.prompt : '';
    const fim = /<\|fim_prefix\|>([\s\S]*)<\|fim_suffix\|>([\s\S]*)<\|fim_middle\|>$/.exec(prompt);
    const k = fim ? key(fim[1] ?? '', fim[2] ?? '') : '';
    const future = this.futures.get(k) ?? '';
    // Nothing to add here (the user moves on): an end of line, then the end token.
    if (future === '') return { tokens: ['\n'] };
    const h = hashText(k);
    if ((h % 1000) / 1000 < ORACLE_ACCURACY) return { tokens: codeTokens(future) };
    const keep = Math.floor(((h >>> 10) % 500) / 1000 * future.length);
    return { tokens: codeTokens(`${future.slice(0, keep)}tmp${future.slice(keep + 1)}`) };
  }
}

/** What the user ends up typing from event `from` on, at this place: until a cursor move, capped at MAX_LINES. */
function netFuture(events: Trace['events'], from: number): string {
  let typed = '';
  for (let i = from; i < events.length; i++) {
    const event = events[i];
    if (event === undefined || event.kind === 'move') break;
    if (event.kind === 'backspace') {
      if (typed === '') break; // deleting text that was there before: not a continuation
      typed = typed.slice(0, -1);
      continue;
    }
    typed += event.text;
    const lines = typed.split('\n');
    if (lines.length > MAX_LINES) return lines.slice(0, MAX_LINES).join('\n');
  }
  return typed;
}

import type { GenerationRequest, ScriptedReply } from '../../test/fakes/ollamaStandIn';
import { hashText } from './prng';
import type { Trace } from './traceBuilder';
import { VirtualDocument } from './virtualDocument';

/** Share of positions with something left to type where the model guesses what the user types next. */
export const GUESS_RATE = 0.7;
/** Share of positions with nothing left to type where the model only repeats the text after the cursor. */
export const ECHO_RATE = 0.15;
const MAX_LINES = 3;
const MAX_COPY_CHARS = 40;
const KEY_BEFORE = 300;
const KEY_AFTER = 100;

const key = (before: string, after: string): string => `${before.slice(-KEY_BEFORE)}\u0000${after.slice(0, KEY_AFTER)}`;

/** Code-like tokens (identifiers, numbers, single punctuation) with their leading whitespace: ~3.5 characters each. */
export function codeTokens(text: string): string[] {
  return text.match(/\s*(?:[A-Za-z_$][\w$]*|\d+|[^\s\w$])|\s+$/g) ?? [];
}

/**
 * A stand-in "model" for one trace, deterministic (every choice is a hash of
 * the prompt's text around the cursor, so Hearth and the naive baseline meet
 * the same model). It knows what the user types next at each position the
 * trace passes through (the net text, typos and their fixes cancelled out, up
 * to three lines) and behaves like a code model that is often but not always
 * right:
 *
 * - Where the user types more here: at GUESS_RATE of positions it answers
 *   exactly that; elsewhere a variant of it with one character replaced by
 *   `tmp`, which the user does not type.
 * - Where the user types nothing more here (the end of an edit, before the
 *   cursor moves away, or the end of the trace), a real model still proposes
 *   something. At ECHO_RATE of these positions that is only a repeat of the
 *   text after the cursor (the rest of the line, or the next line), which
 *   post-processing rightly removes. Elsewhere it is a plausible continuation
 *   copied from the code around the cursor, which the user does not take: at
 *   the end of a line, a next line from the context indented like the cursor
 *   line; in the middle of a line, what followed the same identifier (or
 *   character) elsewhere, if it closes no bracket it did not open.
 *   Where nothing fits, it repeats the text after the cursor too.
 */
export class SimulatedModel {
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
    return { tokens: codeTokens(this.answer(request)) };
  }

  /** The text the model generates for a request (before the daemon's stop strings). */
  answer(request: GenerationRequest): string {
    const prompt = typeof request.body.prompt === 'string' ? request.body.prompt : '';
    const fim = /<\|fim_prefix\|>([\s\S]*)<\|fim_suffix\|>([\s\S]*)<\|fim_middle\|>$/.exec(prompt);
    const prefix = fim?.[1] ?? '';
    const suffix = fim?.[2] ?? '';
    const k = key(prefix, suffix);
    const h = hashText(k);
    const future = this.futures.get(k) ?? '';
    if (future.trim() !== '') {
      if (unit(h) < GUESS_RATE) return future;
      const at = Math.floor(unit(h >>> 10) * 0.5 * future.length);
      return `${future.slice(0, at)}tmp${future.slice(at + 1)}`;
    }
    if (unit(h >>> 5) < ECHO_RATE) return echo(suffix);
    return continuation(prefix, suffix, h) ?? echo(suffix);
  }
}

/** A number in [0, 1) from some bits of a hash. */
function unit(bits: number): number {
  return (bits % 1000) / 1000;
}

/** The text after the cursor again: the rest of the line, or (at the end of a line) the next line. */
function echo(suffix: string): string {
  const lines = suffix.split('\n');
  const rest = lines[0] ?? '';
  if (rest.trim() !== '') return rest;
  const next = lines.slice(1).find((l) => l.trim() !== '');
  return next === undefined ? '\n' : `\n${next}`;
}

/** What a code model copies from its context where the user has nothing more to type. */
function continuation(prefix: string, suffix: string, h: number): string | undefined {
  const cursorLine = prefix.slice(prefix.lastIndexOf('\n') + 1);
  const rest = suffix.split('\n', 1)[0] ?? '';
  const context = `${prefix}\n${suffix}`.split('\n');
  if (rest.trim() === '') {
    const indent = /^[ \t]*/.exec(cursorLine)?.[0] ?? '';
    const nextLine = suffix.split('\n').slice(1).find((l) => l.trim() !== '');
    const candidates = context.filter(
      (l) => l.trim() !== '' && (/^[ \t]*/.exec(l)?.[0] ?? '') === indent && l !== cursorLine && l !== nextLine && !/^\s*[)\]}]/.test(l),
    );
    const line = candidates[h % Math.max(1, candidates.length)];
    if (line === undefined) return undefined;
    // On a line holding only indentation the model continues it; after text, it starts the next line.
    return cursorLine.trim() === '' ? line.slice(cursorLine.length) : `\n${line}`;
  }
  const word = /[A-Za-z_$][\w$]*$/.exec(cursorLine)?.[0];
  const anchor = word ?? cursorLine.slice(-1);
  if (anchor === '') return undefined;
  const followers: string[] = [];
  for (const line of context) {
    for (let at = line.indexOf(anchor); at >= 0; at = line.indexOf(anchor, at + 1)) {
      const after = line.slice(at + anchor.length, at + anchor.length + MAX_COPY_CHARS).trimEnd();
      // Not the cursor's own line continuing as it does, not a repeat of it, and well-formed where it lands.
      if (after.trim() !== '' && !rest.startsWith(after) && !after.startsWith(rest.trim()) && closesNothingBefore(after)) followers.push(after);
    }
  }
  return followers[h % Math.max(1, followers.length)];
}

/** A fragment that closes no bracket it did not open itself, as a model writes one in the middle of a line. */
function closesNothingBefore(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && --depth < 0) return false;
  }
  return true;
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

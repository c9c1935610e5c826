import { OPENERS, firstUnmatchedCloser, scanCode, scanOpenBrackets } from './bracketScan';
import type { CommentSyntax, ScanState } from './bracketScan';
import { firstLine, isBlank } from './codeLines';
import type { CompletionMode } from './completionMode';

/**
 * The prefix's open brackets a completion may close, innermost first: the ones
 * the suffix does not close itself. The suffix closes the innermost ones first,
 * so if its first unmatched closer belongs to the top of the stack the
 * completion may close nothing. A first closer that matches nothing (its
 * opener lies before the prefix window) tells nothing, so all stay allowed.
 */
export function closableByCompletion(prefixOpen: readonly string[], suffixClosers: readonly string[]): string[] {
  const innermostFirst = [...prefixOpen].reverse();
  const first = suffixClosers[0];
  if (first === undefined) return innermostFirst;
  const matchAt = innermostFirst.findIndex((open) => OPENERS[open] === first);
  return matchAt < 0 ? innermostFirst : innermostFirst.slice(0, matchAt);
}

/**
 * Cuts the completion where it would close something the suffix already
 * closes (an auto-closed `)` typed again, the block's `}` repeated), where it
 * closes a bracket with the wrong kind, or where it ends a string the suffix
 * also ends. In single-line mode it also drops a dangling opener right before
 * existing text on the line (`x = foo(` before `;`), which would leave the line
 * unbalanced; at the end of a line an opener is how code continues, so it stays.
 */
export function balanceBrackets(text: string, prefix: string, suffix: string, mode: CompletionMode, syntax: CommentSyntax): string {
  const before = scanOpenBrackets(prefix, undefined, syntax);
  const closer = firstUnmatchedCloser(suffix, before.end, syntax);
  const allowed = closableByCompletion(before.open, closer === undefined ? [] : [closer]);
  const own = scanCode(text, before.end, syntax);
  let cut: number | undefined;
  const openQuote = before.end.quote;
  if (openQuote !== undefined && suffix.startsWith(openQuote)) {
    cut = own.events.find((e) => e.kind === 'stringEnd')?.index;
  }
  const local: string[] = [];
  let next = 0;
  for (const e of own.events) {
    if (cut !== undefined && e.index >= cut) break;
    if (e.kind === 'open') local.push(e.char);
    if (e.kind !== 'close') continue;
    const top = local[local.length - 1];
    if (top !== undefined) {
      if (OPENERS[top] !== e.char) {
        cut = e.index;
        break;
      }
      local.pop();
      continue;
    }
    const outside = allowed[next];
    if (outside === undefined || OPENERS[outside] !== e.char) {
      cut = e.index;
      break;
    }
    next++;
  }
  let result = cut === undefined ? text : text.slice(0, cut);
  if (mode === 'single-line' && !isBlank(firstLine(suffix))) result = dropDanglingOpener(result, before.end, syntax);
  return result;
}

function dropDanglingOpener(text: string, start: ScanState, syntax: CommentSyntax): string {
  const trimmed = text.trimEnd();
  const last = scanCode(trimmed, start, syntax).events.at(-1);
  if (last?.kind === 'open' && last.index === trimmed.length - 1) return trimmed.slice(0, -1);
  return text;
}

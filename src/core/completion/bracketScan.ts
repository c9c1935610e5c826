/**
 * A deliberately small code scanner: brackets outside strings and comments.
 * It knows no grammar, only enough to tell which brackets a completion opens
 * and closes, so post-processing can keep prefix + completion + suffix balanced.
 */

export interface CommentSyntax {
  readonly line: readonly string[];
  readonly block?: readonly [open: string, close: string];
}

const C_LIKE: CommentSyntax = { line: ['//'], block: ['/*', '*/'] };
const HASH: CommentSyntax = { line: ['#'] };
const DASHES: CommentSyntax = { line: ['--'] };
const HASH_LANGUAGES = new Set(['python', 'shellscript', 'ruby', 'perl', 'yaml', 'toml', 'r', 'powershell', 'elixir', 'julia', 'nim', 'makefile', 'dockerfile', 'cmake', 'coffeescript']);
const DASH_LANGUAGES = new Set(['sql', 'lua', 'haskell', 'elm']);

/** Comment syntax by VS Code language id; C-like when unknown (it is the common case). */
export function commentSyntaxFor(languageId?: string): CommentSyntax {
  if (languageId !== undefined && HASH_LANGUAGES.has(languageId)) return HASH;
  if (languageId !== undefined && DASH_LANGUAGES.has(languageId)) return DASHES;
  return C_LIKE;
}

export interface ScanState {
  /** The quote of a string still open at the end of the scanned text. */
  readonly quote?: string;
  readonly blockComment: boolean;
}

export const PLAIN: ScanState = { blockComment: false };

export type CodeEvent =
  | { readonly kind: 'open' | 'close'; readonly char: string; readonly index: number }
  | { readonly kind: 'stringEnd'; readonly quote: string; readonly index: number };

export const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const CLOSER_SET = new Set([')', ']', '}']);
const QUOTES = new Set(['"', "'", '`']);

export function scanCode(text: string, start: ScanState = PLAIN, syntax: CommentSyntax = C_LIKE): { events: CodeEvent[]; end: ScanState } {
  const events: CodeEvent[] = [];
  let quote = start.quote;
  let block = start.blockComment;
  let lineComment = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\n') {
      lineComment = false;
      // Only template strings span lines; an unterminated '…' or "…" ends with its line.
      if (quote !== undefined && quote !== '`') quote = undefined;
      continue;
    }
    if (lineComment) continue;
    if (block) {
      const close = syntax.block?.[1];
      if (close !== undefined && text.startsWith(close, i)) {
        block = false;
        i += close.length - 1;
      }
      continue;
    }
    if (quote !== undefined) {
      if (ch === '\\') i++;
      else if (ch === quote) {
        events.push({ kind: 'stringEnd', quote, index: i });
        quote = undefined;
      }
      continue;
    }
    if (syntax.line.some((marker) => text.startsWith(marker, i))) {
      lineComment = true;
      continue;
    }
    const open = syntax.block?.[0];
    if (open !== undefined && text.startsWith(open, i)) {
      block = true;
      i += open.length - 1;
      continue;
    }
    if (QUOTES.has(ch)) quote = ch;
    else if (ch in OPENERS) events.push({ kind: 'open', char: ch, index: i });
    else if (CLOSER_SET.has(ch)) events.push({ kind: 'close', char: ch, index: i });
  }
  return { events, end: quote !== undefined ? { quote, blockComment: block } : { blockComment: block } };
}

/** Brackets `text` leaves open, innermost last. */
export function openBrackets(events: readonly CodeEvent[]): string[] {
  const stack: string[] = [];
  for (const e of events) {
    if (e.kind === 'open') stack.push(e.char);
    else if (e.kind === 'close' && stack.length > 0 && OPENERS[stack[stack.length - 1] ?? ''] === e.char) stack.pop();
  }
  return stack;
}

/** Closers in `text` that close something before it, in order. */
export function unmatchedClosers(events: readonly CodeEvent[]): string[] {
  const stack: string[] = [];
  const unmatched: string[] = [];
  for (const e of events) {
    if (e.kind === 'open') stack.push(e.char);
    else if (e.kind === 'close') {
      if (stack.length > 0 && OPENERS[stack[stack.length - 1] ?? ''] === e.char) stack.pop();
      else if (stack.length === 0) unmatched.push(e.char);
    }
  }
  return unmatched;
}

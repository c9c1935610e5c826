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

const NEWLINE = 1;
const QUOTE = 2;
const OPEN = 3;
const CLOSE = 4;
const MARKER = 5;

const kindTables = new WeakMap<CommentSyntax, Uint8Array>();

/** What each ASCII character can start, for this comment syntax; 0 = nothing of interest. */
function charKinds(syntax: CommentSyntax): Uint8Array {
  const cached = kindTables.get(syntax);
  if (cached !== undefined) return cached;
  const kinds = new Uint8Array(128);
  kinds[10] = NEWLINE;
  for (const q of QUOTES) kinds[q.charCodeAt(0)] = QUOTE;
  for (const o of Object.keys(OPENERS)) kinds[o.charCodeAt(0)] = OPEN;
  for (const c of CLOSER_SET) kinds[c.charCodeAt(0)] = CLOSE;
  for (const marker of [...syntax.line, ...(syntax.block !== undefined ? [syntax.block[0]] : [])]) {
    const code = marker.charCodeAt(0);
    if (code < 128) kinds[code] = MARKER;
  }
  kindTables.set(syntax, kinds);
  return kinds;
}

/** Sees each bracket and string end outside comments, in order; returning true stops the walk there. */
type Visitor = (kind: CodeEvent['kind'], char: string, index: number) => boolean;

function walkCode(text: string, start: ScanState, syntax: CommentSyntax, visit: Visitor): ScanState {
  let quote = start.quote;
  let block = start.blockComment;
  // This runs over the whole prompt window (10,000+ characters) for every
  // completion: most characters are plain code, decided by one table lookup,
  // and comments are skipped by searching for their end.
  const kinds = charKinds(syntax);
  const open = syntax.block?.[0];
  const close = syntax.block?.[1];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const kind = code < 128 ? (kinds[code] ?? 0) : 0;
    if (kind === NEWLINE) {
      // Only template strings span lines; an unterminated '…' or "…" ends with its line.
      if (quote !== undefined && quote !== '`') quote = undefined;
      continue;
    }
    if (block) {
      const end = close === undefined ? -1 : text.indexOf(close, i);
      if (end < 0) break;
      block = false;
      i = end + (close?.length ?? 1) - 1;
      continue;
    }
    if (quote !== undefined) {
      if (code === 92) i++; // a backslash escapes the next character
      else if (text[i] === quote) {
        const ended = quote;
        quote = undefined;
        if (visit('stringEnd', ended, i)) break;
      }
      continue;
    }
    if (kind === 0) continue;
    const ch = text[i] ?? '';
    if (kind === MARKER) {
      if (syntax.line.some((marker) => text.startsWith(marker, i))) {
        // To the end of the line; the newline itself is handled above.
        const end = text.indexOf('\n', i);
        if (end < 0) break;
        i = end - 1;
        continue;
      }
      if (open !== undefined && text.startsWith(open, i)) {
        block = true;
        i += open.length - 1;
      }
      continue;
    }
    if (kind === QUOTE) quote = ch;
    else if (kind === OPEN || kind === CLOSE) {
      if (visit(kind === OPEN ? 'open' : 'close', ch, i)) break;
    }
  }
  return quote !== undefined ? { quote, blockComment: block } : { blockComment: block };
}

export function scanCode(text: string, start: ScanState = PLAIN, syntax: CommentSyntax = C_LIKE): { events: CodeEvent[]; end: ScanState } {
  const events: CodeEvent[] = [];
  const end = walkCode(text, start, syntax, (kind, char, index) => {
    events.push(kind === 'stringEnd' ? { kind, quote: char, index } : { kind, char, index });
    return false;
  });
  return { events, end };
}

/**
 * The brackets `text` leaves open, innermost last, and the state at its end:
 * what balancing needs to know of a prefix window, without an event object
 * per bracket in it (thousands, on every request).
 */
export function scanOpenBrackets(text: string, start: ScanState = PLAIN, syntax: CommentSyntax = C_LIKE): { open: string[]; end: ScanState } {
  const open: string[] = [];
  const end = walkCode(text, start, syntax, (kind, char) => {
    if (kind === 'open') open.push(char);
    else if (kind === 'close' && open.length > 0 && OPENERS[open[open.length - 1] ?? ''] === char) open.pop();
    return false;
  });
  return { open, end };
}

/** The first closer in `text` that closes something before it; the walk stops there, usually within a few lines. */
export function firstUnmatchedCloser(text: string, start: ScanState = PLAIN, syntax: CommentSyntax = C_LIKE): string | undefined {
  const stack: string[] = [];
  let found: string | undefined;
  walkCode(text, start, syntax, (kind, char) => {
    if (kind === 'open') stack.push(char);
    else if (kind === 'close') {
      if (stack.length === 0) {
        found = char;
        return true;
      }
      if (OPENERS[stack[stack.length - 1] ?? ''] === char) stack.pop();
    }
    return false;
  });
  return found;
}

import {
  DEFAULT_TAB_SIZE,
  firstLine,
  indentWidth,
  isBlank,
  isCloserLine,
  isClosersOnly,
  lastLine,
  nextNonBlankLine,
  previousNonBlankLine,
} from './codeLines';

export type CompletionMode = 'single-line' | 'multi-line';

/** What the stop detector needs to know about the cursor line; compute once per request. */
export interface CursorContext {
  /** Columns of the cursor line's leading whitespace. */
  readonly cursorIndent: number;
  /** The cursor line has text before the cursor (a block header), rather than only indentation. */
  readonly lineHasText: boolean;
  /** Nothing but whitespace follows the cursor on its line. */
  readonly atLineEnd?: boolean;
  readonly tabSize?: number;
}

/** `suffix` tells whether the cursor is at the end of its line; without it, it is taken not to be. */
export function cursorContext(prefix: string, tabSize = DEFAULT_TAB_SIZE, suffix?: string): CursorContext {
  const line = lastLine(prefix);
  return { cursorIndent: indentWidth(line, tabSize), lineHasText: !isBlank(line), atLineEnd: suffix !== undefined && isBlank(firstLine(suffix)), tabSize };
}

/**
 * At the end of a line of code, an answer that starts with a line break
 * proposes the next line (`let x = 1;` → `\n  let y = 2;`), as an editor
 * user expects when they pause after finishing a statement. Only there: in
 * the middle of a line a line break would split it.
 */
export function proposesNextLine(text: string, ctx: CursorContext): boolean {
  return ctx.lineHasText && ctx.atLineEnd === true && text.startsWith('\n');
}

// A line ending like this opens a block or a bracketed list whose body comes next.
const OPENS_BLOCK = /(?:[{([]|=>|:|\bdo|\bthen|\bbegin|\belse)$/;
// `function f(a)`, `def f(a)`, `fn f(a) -> T`, `public int f(int a)`, `func (r T) f()`: a body is next.
const SIGNATURE =
  /^\s*(?!(?:return|await|yield|throw|new|if|for|foreach|while|switch|catch|else|case|print|echo|assert|raise|del|not|typeof|delete|void|using|lock|go|defer)\b)(?:(?:export|default|public|private|protected|internal|static|async|override|abstract|final|inline|pub|unsafe|extern)\s+)*(?:function\*?|def|fn|func|fun|sub|method|\w[\w<>[\],.?]*\s+\w+)\b[^=;]*\)\s*(?:(?::|->)\s*[^{;=]+)?$/;

export function opensBlock(line: string): boolean {
  const t = line.trimEnd();
  return OPENS_BLOCK.test(t) && !/^\s*(\/\/|#|--|\*)/.test(t);
}

/**
 * Single- or multi-line, from the cursor context. Multi-line where a body is
 * expected: at the end of a line that opens a block (`{`, `:`, `=>`, `(`),
 * after a function signature, on an empty line right under a block header
 * whose body is still empty, and at the start or end of a file. Everywhere
 * else single-line: text after the cursor (other than closers) or a cursor in
 * the middle of a statement means the user wants the line finished, not a
 * paragraph.
 */
export function chooseCompletionMode(prefix: string, suffix: string, tabSize = DEFAULT_TAB_SIZE): CompletionMode {
  if (!isClosersOnly(firstLine(suffix))) return 'single-line';
  const before = lastLine(prefix);
  if (!isBlank(before)) return opensBlock(before) || SIGNATURE.test(before) ? 'multi-line' : 'single-line';
  const header = previousNonBlankLine(prefix);
  const next = nextNonBlankLine(suffix);
  if (header === undefined || next === undefined) return 'multi-line';
  if (!opensBlock(header)) return 'single-line';
  // The body is empty when the next line is already back at the header's level.
  return indentWidth(next, tabSize) <= indentWidth(header, tabSize) ? 'multi-line' : 'single-line';
}

// Lines that continue a block at the header's level: `} else {`, `else:`, `except E:`, `} catch (e) {`.
// `case`/`when` are left out on purpose: the next branch of a switch is a new answer.
const CONTINUES_BLOCK = /^(?:[)\]}]+\s*)?(?:else|elif|elsif|elseif|except|catch|finally|rescue|ensure)\b/;
const CONTINUATION_WORDS = ['else', 'elif', 'elsif', 'elseif', 'except', 'catch', 'finally', 'rescue', 'ensure', 'end', 'fi', 'done', 'esac'];

function continuesBlock(line: string): boolean {
  const t = line.trim();
  return CONTINUES_BLOCK.test(t) || (/^[)\]}]/.test(t) && opensBlock(t));
}

/** Whether a partly streamed line could still turn out to be a closer or block continuation. */
function mayContinue(partial: string): boolean {
  const t = partial.trim();
  if (/^[)\]}]/.test(t)) return true;
  const word = /^\w*/.exec(t)?.[0] ?? '';
  if (word.length < t.length) return CONTINUATION_WORDS.includes(word);
  return CONTINUATION_WORDS.some((w) => w.startsWith(word));
}

/**
 * Where the completion ends, as an index into `text` (the text beyond it is not
 * part of the answer), or undefined while that cannot be known yet. With
 * `final` the text is complete (the stream ended), so the last line counts as
 * whole.
 *
 * Single-line: the end of the first line (of the next line, for an answer
 * proposing it; see proposesNextLine). Multi-line, when the cursor line is a
 * block header: the first line back at the header's indentation ends the block;
 * a closer line there (`}`, `end`) is kept, a continuation (`} else {`,
 * `else:`) goes on, anything else is the next statement and is dropped. When
 * the cursor line is blank (inside a body): a line indented less than the
 * cursor closes the enclosing block and is dropped, and so is a line back at
 * the completion's own first indentation after a blank line (the model moving
 * on to the next paragraph or definition).
 */
export function completionEnd(text: string, mode: CompletionMode, ctx: CursorContext, final = false): number | undefined {
  if (mode === 'single-line') {
    const newline = text.indexOf('\n', proposesNextLine(text, ctx) ? 1 : 0);
    return newline >= 0 ? newline : final ? text.length : undefined;
  }
  const tabSize = ctx.tabSize ?? DEFAULT_TAB_SIZE;
  const lines = text.split('\n');
  const first = lines[0] ?? '';
  let baseIndent = ctx.lineHasText || isBlank(first) ? undefined : ctx.cursorIndent + indentWidth(first, tabSize);
  let sawBlank = false;
  let offset = first.length + 1;
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k] ?? '';
    const lineStart = offset;
    const cutBefore = lineStart - 1;
    offset += line.length + 1;
    const complete = k < lines.length - 1 || final;
    if (isBlank(line)) {
      if (!complete) return undefined;
      sawBlank = true;
      continue;
    }
    const indent = indentWidth(line, tabSize);
    if (ctx.lineHasText) {
      if (indent > ctx.cursorIndent) continue;
      if (!complete && mayContinue(line)) return undefined;
      if (continuesBlock(line)) continue;
      return isCloserLine(line) ? lineStart + line.length : cutBefore;
    }
    baseIndent ??= indent;
    if (indent < ctx.cursorIndent) return cutBefore;
    if (sawBlank && indent <= baseIndent) return cutBefore;
  }
  return final ? text.length : undefined;
}

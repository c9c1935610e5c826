import type { FimFamily } from '../fimFamily';
import { balanceBrackets } from './balanceBrackets';
import { commentSyntaxFor } from './bracketScan';
import { firstLine, isBlank, isCloserLine, isClosersOnly, lastLine, leadingWhitespace, nextLines, normalizeEol, previousNonBlankLine } from './codeLines';
import { completionEnd, cursorContext, proposesNextLine } from './completionMode';
import type { CompletionMode } from './completionMode';
import { stripSpecialTokens } from './specialTokens';

/** What post-processing and the stream stop check know about the request; build once per request. */
export interface CompletionTextContext {
  /** The prompt's prefix and suffix windows (what the model saw around the cursor). */
  readonly prefix: string;
  readonly suffix: string;
  readonly mode: CompletionMode;
  /** The answering model's family; enables its ambiguous tokens (e.g. `</s>`). */
  readonly family?: FimFamily;
  /** VS Code language id: which comment markers to skip when counting brackets. */
  readonly languageId?: string;
  readonly tabSize?: number;
}

export interface PostProcessInput extends CompletionTextContext {
  /** The model's text as streamed. */
  readonly raw: string;
}

/**
 * Turns raw model text into the text to show at the cursor, or '' to show
 * nothing. Newlines come out as `\n` (the editor converts on insert). The
 * steps run in an order where each one sees clean input: tokens and fences
 * first, then indentation (the stop rules depend on it), then the cut at the
 * end of the line or block, then repeats, overlap and brackets.
 */
export function postProcessCompletion(input: PostProcessInput, onStep?: (rule: string, text: string) => void): string {
  // `onStep` is the inspector's: it replays the rules on a recorded answer to
  // show which one cut what. Completions pass none and pay one check per rule.
  const step = (rule: string, text: string): string => {
    onStep?.(rule, text);
    return text;
  };
  const prefix = normalizeEol(input.prefix);
  const suffix = normalizeEol(input.suffix);
  let text = step('special tokens, fence, first-line indent', normalizeStreamedText(input.raw, prefix, input.family));
  const ctx = cursorContext(prefix, input.tabSize, suffix);
  text = step(`end of ${input.mode === 'single-line' ? 'line' : 'block'}`, text.slice(0, completionEnd(text, input.mode, ctx, true)));
  if (repeatsLineAbove(text, prefix, proposesNextLine(text, ctx))) return step('repeats the line above', '');
  text = step('repeated loops', cutLoops(text));
  text = step('repeats the lines after the cursor', cutSuffixLinesRepeat(text, prefix, suffix));
  if (input.mode === 'single-line' && echoesLineRest(text, suffix)) return step('echoes the rest of the line', '');
  text = step('repeats the rest of the line', cutLineRestRepeat(text, suffix));
  text = step('bracket balance', balanceBrackets(text, prefix, suffix, input.mode, commentSyntaxFor(input.languageId)));
  text = step('doubled punctuation', dropDoubledPunctuation(text, suffix));
  text = step(
    'trailing whitespace',
    text
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trimEnd(),
  );
  if (isBlank(text)) return step('blank', '');
  return step('closer on its own line', closerOnOwnLine(text, prefix, suffix, input.mode));
}

/**
 * True once the streamed text holds a complete answer, so the caller can
 * abort the request right there. It judges the text the way
 * postProcessCompletion will see it, so a Markdown fence line or re-typed
 * indentation cannot end a stream early.
 */
export function isStreamComplete(raw: string, context: CompletionTextContext): boolean {
  const prefix = normalizeEol(context.prefix);
  const text = normalizeStreamedText(raw, prefix, context.family);
  if (fenceClosed(stripSpecialTokens(normalizeEol(raw), context.family), prefix)) return true;
  if (context.mode === 'single-line' && echoingLineRest(text, normalizeEol(context.suffix))) return true;
  return completionEnd(text, context.mode, cursorContext(prefix, context.tabSize, context.suffix)) !== undefined;
}

/** Special tokens, a wrapping fence and doubled first-line indentation removed; `\n` newlines. */
export function normalizeStreamedText(raw: string, prefix: string, family?: FimFamily): string {
  const cleanPrefix = normalizeEol(prefix);
  let text = stripSpecialTokens(normalizeEol(raw), family);
  text = stripMarkdownFence(text, cleanPrefix);
  return fixFirstLineIndent(text, cleanPrefix);
}

const FENCE_OPEN = /^\s*```[\w+#.-]*[ \t]*\n/;
const FENCE_CLOSE = /(^|\n)[ \t]*```/;

/**
 * A chat-tuned model may wrap its answer in a Markdown fence; a user typing
 * backticks is writing one. After a block header the fenced code is the body,
 * so an indented first line starts on a new line.
 */
export function stripMarkdownFence(text: string, prefix: string): string {
  const open = FENCE_OPEN.exec(text);
  if (open === null || lastLine(prefix).includes('`')) return text;
  let body = text.slice(open[0].length);
  const close = FENCE_CLOSE.exec(body);
  if (close !== null) body = body.slice(0, close.index);
  return !isBlank(lastLine(prefix)) && /^[ \t]+\S/.test(body) ? `\n${body}` : body;
}

function fenceClosed(text: string, prefix: string): boolean {
  const open = FENCE_OPEN.exec(text);
  return open !== null && !lastLine(prefix).includes('`') && FENCE_CLOSE.test(text.slice(open[0].length));
}

/**
 * When the cursor line holds only indentation, the editor has already indented
 * it: a first line that repeats that indentation would be indented twice, and
 * leading blank lines would leave the cursor line empty. Later lines are
 * absolute in the document, so their relative indentation is kept as is.
 */
export function fixFirstLineIndent(text: string, prefix: string): string {
  const cursorLine = lastLine(prefix);
  if (!isBlank(cursorLine)) return /[ \t]$/.test(prefix) ? text.replace(/^[ \t]+/, '') : text;
  const body = text.replace(/^(?:[ \t]*\n)+/, '');
  if (cursorLine === '') return body;
  const indent = leadingWhitespace(body);
  if (indent === '') return body;
  return body.slice(indent.startsWith(cursorLine) ? cursorLine.length : indent.length);
}

/**
 * A completion opening with the line above it is an echo; the rest of it
 * cannot be trusted either. For an answer proposing the next line, the line
 * above it is the cursor line.
 */
function repeatsLineAbove(text: string, prefix: string, nextLine: boolean): boolean {
  const own = firstLine(nextLine ? text.slice(1) : text);
  if (isBlank(own)) return false;
  const full = nextLine ? own.trim() : (lastLine(prefix) + own).trim();
  const above = (nextLine ? lastLine(prefix) : previousNonBlankLine(prefix))?.trim();
  return above === full && /\w{2}/.test(full) && !isCloserLine(full);
}

/** A block of 1–3 lines repeated three times in a row is a generation loop: keep its first copy. */
export function cutLoops(text: string): string {
  const lines = text.split('\n');
  const same = (a: number, b: number, n: number): boolean => {
    for (let k = 0; k < n; k++) if ((lines[a + k] ?? '').trimEnd() !== (lines[b + k] ?? '').trimEnd()) return false;
    return true;
  };
  for (let i = 0; i < lines.length; i++) {
    for (let period = 1; period <= 3; period++) {
      if (i + 3 * period > lines.length) break;
      const block = lines.slice(i, i + period);
      if (!block.some((l) => /\w/.test(l))) continue;
      if (same(i, i + period, period) && same(i, i + 2 * period, period)) return lines.slice(0, i + period).join('\n');
    }
  }
  return text;
}

/**
 * Cuts the completion where it starts re-typing the lines after the cursor:
 * where its remaining lines repeat the suffix's first lines (a `}` the suffix
 * already has), or at a distinctive line equal to the suffix's first line
 * whatever follows it. Lines are compared with their indentation, so a `}`
 * closing a block the completion opened is not mistaken for the suffix's.
 */
export function cutSuffixLinesRepeat(text: string, prefix: string, suffix: string): string {
  const lines = text.split('\n');
  // No more of the suffix than the completion has lines can match it.
  const following = nextLines(suffix, lines.length).map((l) => l.trimEnd());
  if (following.length === 0) return text;
  const cursorLine = lastLine(prefix);
  const full = lines.map((l, i) => (i === 0 ? cursorLine + l : l));
  // Line 0 is a whole line only when the cursor line had nothing around the cursor.
  const from = isBlank(cursorLine) && isBlank(firstLine(suffix)) ? 0 : 1;
  for (let j = from; j < full.length; j++) {
    const line = (full[j] ?? '').trimEnd();
    if (line.trim() === '') continue;
    const tail = full
      .slice(j)
      .filter((l) => !isBlank(l))
      .map((l) => l.trimEnd());
    const repeatsTail = tail.every((l, k) => {
      const expected = following[k];
      // The last line may be cut short by num_predict.
      return expected !== undefined && (k === tail.length - 1 ? expected.startsWith(l) : expected === l);
    });
    const distinctive = line === following[0] && line.trim().length >= 8 && /\w/.test(line);
    if (repeatsTail || distinctive) return lines.slice(0, j).join('\n');
  }
  return text;
}

/** A completion ending with the text after the cursor (`: number = 5;` before ` = 5;`) loses that ending. */
export function cutLineRestRepeat(text: string, suffix: string): string {
  const rest = firstLine(suffix).trim();
  // Closers are the bracket balancer's business: `bar()` before `)` must keep its own `)`.
  if (isClosersOnly(rest)) return text;
  const trimmed = text.trimEnd();
  return trimmed.endsWith(rest) ? trimmed.slice(0, trimmed.length - rest.length) : text;
}

/** Characters of the line rest a stream must repeat before it counts as an echo. */
const ECHO_MIN_CHARS = 8;

/** The rest of the cursor line when it is code, not only what auto-closing leaves (the bracket balancer's business). */
function codeLineRest(suffix: string): string | undefined {
  const rest = firstLine(suffix).trim();
  return rest === '' || isClosersOnly(rest) ? undefined : rest;
}

/**
 * A single-line completion that types the text after the cursor again:
 * only the start of it (`x = ` + `5` before ` 5;`, an echo cut short), or
 * its first ECHO_MIN_CHARS (all of a shorter one) followed by anything. The
 * existing text stays after the insertion either way, so nothing is shown.
 */
export function echoesLineRest(text: string, suffix: string): boolean {
  const own = text.trim();
  const rest = codeLineRest(suffix);
  return rest !== undefined && own !== '' && !own.includes('\n') && (rest.startsWith(own) || startsWithLineRest(own, rest));
}

/**
 * True once a single-line stream begins with the line rest (see
 * echoesLineRest): whatever it says next cannot be shown, so it can stop.
 */
function echoingLineRest(text: string, suffix: string): boolean {
  const own = text.trimStart();
  const rest = codeLineRest(suffix);
  return rest !== undefined && !own.includes('\n') && startsWithLineRest(own, rest);
}

function startsWithLineRest(own: string, rest: string): boolean {
  return own.startsWith(rest.slice(0, ECHO_MIN_CHARS));
}

/** `foo();` before an existing `;` (or `,`) would double it. */
function dropDoubledPunctuation(text: string, suffix: string): string {
  const next = firstLine(suffix).trimStart()[0];
  if (next !== ';' && next !== ',') return text;
  const trimmed = text.trimEnd();
  return trimmed.endsWith(next) ? trimmed.slice(0, -1) : text;
}

/**
 * A block filled in before an auto-closed `}` on the cursor line would leave
 * that `}` glued to the last line of the body: end with a newline and the
 * header's indentation so it lands on its own line.
 */
function closerOnOwnLine(text: string, prefix: string, suffix: string, mode: CompletionMode): string {
  const rest = firstLine(suffix);
  if (mode !== 'multi-line' || !text.includes('\n') || isBlank(rest) || !/^\s*[)\]}]/.test(rest)) return text;
  return `${text}\n${leadingWhitespace(lastLine(prefix))}`;
}

/** Line helpers shared by completion mode detection and post-processing. */

export const DEFAULT_TAB_SIZE = 4;

/** The text after the last newline: the cursor line up to the cursor, for a prefix. */
export function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

/** The text before the first newline: the rest of the cursor line, for a suffix. */
export function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** Indentation in columns; a tab advances to the next tab stop. */
export function indentWidth(line: string, tabSize = DEFAULT_TAB_SIZE): number {
  let width = 0;
  for (const ch of leadingWhitespace(line)) width = ch === '\t' ? width - (width % tabSize) + tabSize : width + 1;
  return width;
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Lines ending a block: closers with trailing punctuation (`}`, `});`, `],`) or block-ending keywords. */
export function isCloserLine(line: string): boolean {
  const t = line.trim();
  return /^[)\]}]+[;,)]*$/.test(t) || /^(end|fi|done|esac|endif|endfor|endwhile|end;)$/.test(t);
}

// The helpers below walk from the cursor outwards instead of splitting the
// whole prompt window (hundreds of lines) into an array on every request.

/** The last line with text in `text`, not counting the (partial) last line, if any. */
export function previousNonBlankLine(prefix: string): string | undefined {
  let end = prefix.lastIndexOf('\n');
  while (end > 0) {
    const start = prefix.lastIndexOf('\n', end - 1);
    const line = prefix.slice(start + 1, end);
    if (!isBlank(line)) return line;
    end = start;
  }
  return undefined;
}

/** The first line with text after the cursor line, if any. */
export function nextNonBlankLine(suffix: string): string | undefined {
  return nextLines(suffix, 1)[0];
}

/** Up to `count` lines with text after the cursor line, nearest first. */
export function nextLines(suffix: string, count: number): string[] {
  const lines: string[] = [];
  let start = suffix.indexOf('\n');
  while (start >= 0 && lines.length < count) {
    const end = suffix.indexOf('\n', start + 1);
    const line = end < 0 ? suffix.slice(start + 1) : suffix.slice(start + 1, end);
    if (!isBlank(line)) lines.push(line);
    start = end;
  }
  return lines;
}

/** The last `count` lines of `text` (all of it if it has fewer), as `text.split('\n').slice(-count).join('\n')`. */
export function lastLines(text: string, count: number): string {
  let start = text.length;
  for (let k = 0; k < count; k++) {
    if (start <= 0) return text;
    start = text.lastIndexOf('\n', start - 1);
    if (start < 0) return text;
  }
  return text.slice(start + 1);
}

/** The first `count` lines of `text` (all of it if it has fewer), as `text.split('\n').slice(0, count).join('\n')`. */
export function firstLines(text: string, count: number): string {
  if (count <= 0) return '';
  let end = -1;
  for (let k = 0; k < count; k++) {
    end = text.indexOf('\n', end + 1);
    if (end < 0) return text;
  }
  return text.slice(0, end);
}

/** Only closing brackets, quotes and statement punctuation: what auto-closing leaves after the cursor. */
export function isClosersOnly(text: string): boolean {
  return /^[\s)\]}>'"`;,]*$/.test(text);
}

export function normalizeEol(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

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

/** The last line with text in `text`, not counting the (partial) last line, if any. */
export function previousNonBlankLine(prefix: string): string | undefined {
  const lines = prefix.split('\n');
  lines.pop();
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (!isBlank(line)) return line;
  }
  return undefined;
}

/** The first line with text after the cursor line, if any. */
export function nextNonBlankLine(suffix: string): string | undefined {
  const lines = suffix.split('\n');
  lines.shift();
  return lines.find((line) => !isBlank(line));
}

/** Only closing brackets, quotes and statement punctuation: what auto-closing leaves after the cursor. */
export function isClosersOnly(text: string): boolean {
  return /^[\s)\]}>'"`;,]*$/.test(text);
}

export function normalizeEol(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

export type EditResult = { readonly ok: true; readonly text: string; readonly repairs: readonly string[] } | { readonly ok: false; readonly error: string };

/**
 * Applies one exact search/replace block. The block must match exactly once:
 * zero matches or several are errors that say how to fix the call. A block
 * written with \n in a file with \r\n line endings still matches (models
 * never write \r), and the new text takes the file's line endings.
 */
export function applyEdit(path: string, before: string, oldText: string, newText: string): EditResult {
  const count = occurrences(before, oldText);
  if (count === 1) return { ok: true, text: before.replace(oldText, () => newText), repairs: [] };
  if (count > 1) return { ok: false, error: tooMany(path, count) };
  if (before.includes('\r\n') && !oldText.includes('\r')) {
    const crlfOld = oldText.replace(/\n/g, '\r\n');
    const crlfCount = occurrences(before, crlfOld);
    if (crlfCount === 1) return { ok: true, text: before.replace(crlfOld, () => newText.replace(/\r?\n/g, '\r\n')), repairs: ['line endings matched to the file (CRLF)'] };
    if (crlfCount > 1) return { ok: false, error: tooMany(path, crlfCount) };
  }
  return { ok: false, error: notFound(path, before, oldText) };
}

function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

function tooMany(path: string, count: number): string {
  return `old_text appears ${count} times in ${path}; it must appear once. Include more of the surrounding lines so it is unique.`;
}

/** Names the line where the block starts to differ, when its first line is in the file: that is usually the slip. */
function notFound(path: string, text: string, oldText: string): string {
  const base = `old_text was not found in ${path}. Read the file again and copy the text exactly, with its indentation.`;
  const first = oldText.split('\n').find((l) => l.trim() !== '')?.trim();
  if (first === undefined) return base;
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => l.trim() === first);
  if (at < 0) {
    const loose = lines.findIndex((l) => l.replace(/\s+/g, '') === first.replace(/\s+/g, ''));
    return loose < 0 ? `${base} Its first line "${clip(first)}" is not in the file.` : `${base} Line ${loose + 1} is close to its first line but the spacing differs.`;
  }
  const oldLines = oldText.split('\n').map((l) => l.trimEnd());
  const offset = oldText.split('\n').findIndex((l) => l.trim() !== '');
  for (let k = offset; k < oldLines.length; k++) {
    const fileLine = lines[at + k - offset];
    if (fileLine === undefined) return `${base} The file ends before the block does (from line ${at + 1}).`;
    if (fileLine.trimEnd() !== oldLines[k]) return `${base} It matches from line ${at + 1} but differs at line ${at + 1 + k - offset}: the file has "${clip(fileLine.trim())}".`;
  }
  return `${base} It matches from line ${at + 1} apart from whitespace at the ends of lines.`;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

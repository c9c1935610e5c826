// Code blocks are shown, highlighted and marked a unit at a time: a few lines,
// or a piece of one long line. highlight.js costs more than linear time on a
// long line (its rules look ahead to the line's end), so a one-line megabyte
// must reach it in pieces, and the page must be able to replace one piece's
// plain text by its colours without touching the rest.

/** Lines per unit: a few milliseconds of highlighting even for a dense grammar. */
export const UNIT_LINES = 24;
/** Characters per unit at most. */
export const UNIT_CHARS = 2_048;
/** A line longer than this is cut into pieces of at most this length. */
export const LINE_PIECE = 512;

/**
 * The ASCII characters a piece may end after, by char code (and any other
 * white space): a regex tested on each character as a string of its own cost
 * 10 ms of a megabyte line's first drawing (a CPU profile of bench:chat's page).
 */
const BREAKS = new Set([...' \t\n\r\f\v,;:.(){}[]<>=+-*/|&!?\'"`'].map((ch) => ch.charCodeAt(0)));

function breaksAfter(code: string, i: number): boolean {
  const c = code.charCodeAt(i);
  return c < 128 ? BREAKS.has(c) : /\s/.test(code[i] as string);
}

/** Where a piece of a long line may end: after a space or punctuation in its second half, so words stay whole. */
function pieceEnd(code: string, start: number, lineEnd: number): number {
  const limit = Math.min(lineEnd, start + LINE_PIECE);
  if (limit === lineEnd) return lineEnd;
  for (let i = limit - 1; i > start + LINE_PIECE / 2; i--) if (breaksAfter(code, i)) return i + 1;
  // No break in sight: cut anyway, but not inside a surrogate pair.
  const code16 = code.charCodeAt(limit - 1);
  return code16 >= 0xd800 && code16 <= 0xdbff ? limit - 1 : limit;
}

/**
 * The end offset of each unit of `code`, in order (the last is code.length):
 * up to UNIT_LINES whole lines and UNIT_CHARS characters, or one piece of a
 * line longer than LINE_PIECE.
 */
export function codeUnitEnds(code: string): number[] {
  const ends: number[] = [];
  let start = 0;
  // The next line break (or the end of the code), found once per line:
  // searched again for every piece, a megabyte line was scanned two thousand times.
  let lineEnd = -1;
  while (start < code.length) {
    let end = start;
    let lines = 0;
    while (end < code.length && lines < UNIT_LINES) {
      if (lineEnd < end) {
        const newline = code.indexOf('\n', end);
        lineEnd = newline < 0 ? code.length : newline;
      }
      if (lineEnd - end > LINE_PIECE) {
        // A long line: its pieces are units of their own.
        if (end === start) end = pieceEnd(code, start, lineEnd);
        break;
      }
      const next = Math.min(lineEnd + 1, code.length);
      if (next - start > UNIT_CHARS && end > start) break;
      end = next;
      lines++;
    }
    ends.push(end);
    start = end;
  }
  return ends;
}

import { codeUnitEnds, LINE_PIECE, UNIT_CHARS, UNIT_LINES } from './codeUnits';
import { markedNodes } from './hiddenMarks';

// A code block's text in the page: block-level units (codeUnits.ts), each laid
// out on its own, so colouring one unit or adding one never makes the browser
// lay out the whole block again, and a megabyte line shows as rows of pieces
// instead of one line the browser must measure whole. A large block is put
// into the page a slice at a time.

/** Code put into the page at once when a block appears; the rest follows in idle time. */
export const FIRST_CHARS = 16_384;

interface Pending {
  readonly source: string;
  readonly ends: readonly number[];
  /** Units in the page so far. */
  shown: number;
}

const pendingText = new WeakMap<HTMLElement, Pending>();

/** Rows a unit of `text` takes: the page skips laying out units off screen and reserves this much for them. */
function rowsOf(text: string): number {
  let rows = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) rows++;
  return Math.min(rows, UNIT_LINES);
}

function setRows(unit: HTMLElement, rows: number): void {
  unit.className = `code-unit rows-${Math.min(Math.max(rows, 1), UNIT_LINES)}`;
}

/** A unit holding `content`, the text `text` (or several units' text: `rows` then says how many rows). */
export function unitElement(content: Node, text: string, rows = rowsOf(text)): HTMLElement {
  const unit = document.createElement('span');
  setRows(unit, rows);
  unit.append(content);
  return unit;
}

/** Shows up to `chars` more of a block's units (at least one); returns the units added. */
export function showMoreCode(code: HTMLElement, chars: number): HTMLElement[] {
  const pending = pendingText.get(code);
  if (!pending) return [];
  const { source, ends } = pending;
  const from = pending.shown;
  const units: HTMLElement[] = [];
  let start = ends[from - 1] ?? 0;
  const limit = start + chars;
  while (pending.shown < ends.length && (pending.shown === from || (ends[pending.shown] ?? 0) <= limit)) {
    const end = ends[pending.shown] as number;
    const text = source.slice(start, end);
    units.push(unitElement(markedNodes(text, 'code'), text));
    start = end;
    pending.shown++;
  }
  code.append(...units);
  if (pending.shown === ends.length) pendingText.delete(code);
  return units;
}

/** Fills an empty <code> with `source`: the first FIRST_CHARS now, the rest through showMoreCode(). */
export function fillCode(code: HTMLElement, source: string): void {
  pendingText.set(code, { source, ends: codeUnitEnds(source), shown: 0 });
  showMoreCode(code, FIRST_CHARS);
}

export function hasMoreCode(code: HTMLElement): boolean {
  return pendingText.has(code);
}

interface OpenUnit {
  readonly element: HTMLElement;
  chars: number;
  lines: number;
  /** Characters of the unit's last, unfinished line. */
  lineChars: number;
}

const openUnits = new WeakMap<HTMLElement, OpenUnit>();

/** How much of `text` fits in `unit` before it is full (at least one character when the unit is empty). */
function fitting(unit: OpenUnit, text: string): number {
  let n = 0;
  let { chars, lines, lineChars } = unit;
  while (n < text.length) {
    if (chars >= UNIT_CHARS || lines >= UNIT_LINES || lineChars >= LINE_PIECE) break;
    const ch = text.charCodeAt(n);
    n++;
    chars++;
    if (ch === 10) {
      lines++;
      lineChars = 0;
    } else lineChars++;
  }
  // Never part a surrogate pair.
  const last = text.charCodeAt(n - 1);
  if (n < text.length && last >= 0xd800 && last <= 0xdbff) n = n > 1 ? n - 1 : n + 1;
  return n;
}

/** Appends text to a <code> that grows (an open fence), in units like a settled block's. */
export function appendCode(code: HTMLElement, text: string): void {
  let rest = text;
  while (rest.length > 0) {
    let unit = openUnits.get(code);
    let n = unit ? fitting(unit, rest) : 0;
    if (!unit || n === 0) {
      unit = { element: unitElement(document.createTextNode(''), ''), chars: 0, lines: 0, lineChars: 0 };
      code.append(unit.element);
      openUnits.set(code, unit);
      n = fitting(unit, rest);
    }
    const piece = rest.slice(0, n);
    unit.element.append(markedNodes(piece, 'code'));
    for (let i = 0; i < piece.length; i++) {
      unit.chars++;
      if (piece.charCodeAt(i) === 10) {
        unit.lines++;
        unit.lineChars = 0;
      } else unit.lineChars++;
    }
    setRows(unit.element, unit.lineChars > 0 ? unit.lines + 1 : unit.lines);
    rest = rest.slice(n);
  }
}

/** Empties a growing <code> (its text changed other than by growing). */
export function clearCode(code: HTMLElement): void {
  code.replaceChildren();
  openUnits.delete(code);
}

import { codeUnitEnds, LINE_PIECE, UNIT_CHARS, UNIT_LINES } from './codeUnits';
import { markedNodes } from './hiddenMarks';

// A code block's text in the page: block-level units, each laid out on its own,
// so colouring or adding one never makes the browser lay out the whole block
// again, and a megabyte line shows as rows of a few kilobytes instead of one
// line the browser must measure whole. A unit is one slice of a few lines
// (codeUnits.ts), or up to PIECES_PER_ROW pieces of one long line. A large
// block is put into the page a slice of time at a time. Units sit in groups of
// GROUP_UNITS: a block of a thousand units laid out as a thousand siblings
// cost the page 20–40 ms of layout and layerizing in every frame while it
// filled in (bench:chat, the 1 MB one-line fence); in groups, a frame walks
// the groups and the units of the one that changed, and skips groups off
// screen. A group's height off screen is its rows', by a class whose rule is
// added to a stylesheet of the page's own when first needed (never a style
// attribute: the chat has none, and its XSS audit checks).

/** Code put into the page at once when a block appears; the rest follows in idle time. */
export const FIRST_CHARS = 8_192;
/** Pieces of a long line shown in one row: fewer elements for the page to track, each still cheap to lay out. */
const PIECES_PER_ROW = 2;
/** Units per group: the page lays out about sqrt(units) boxes per change instead of all of them. */
export const GROUP_UNITS = 32;

interface Unit {
  readonly element: HTMLElement;
  /** The group the unit goes into; in the page once its first unit is. */
  readonly group: HTMLElement;
  readonly start: number;
  readonly end: number;
  /** Holds the unit's text not coloured yet, from `restStart` on. */
  readonly rest: HTMLElement;
  restStart: number;
}

/** A settled block's code, its slices (what is highlighted in one go) and its units (what the page lays out). */
export interface CodeText {
  readonly source: string;
  /** End offset of each slice. */
  readonly slices: readonly number[];
  /** Where each unit starts and ends in the source. */
  readonly bounds: readonly (readonly [number, number])[];
  /** The units in the page so far, the first of `bounds`: each is made as it is shown. */
  readonly units: Unit[];
  /** Rows of each unit of `bounds`, worked out a group at a time as its first unit is made. */
  readonly rows: number[];
  readonly code: HTMLElement;
}

const texts = new WeakMap<HTMLElement, CodeText>();

/** Rows `text` takes: the page skips laying out units off screen and reserves this much for them. */
function rowsOf(text: string): number {
  let rows = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) rows++;
  return Math.min(rows, UNIT_LINES);
}

function setRows(unit: HTMLElement, rows: number): void {
  unit.className = `code-unit rows-${Math.min(Math.max(rows, 1), UNIT_LINES)}`;
}

function newGroup(): HTMLElement {
  const group = document.createElement('span');
  group.className = 'code-group';
  return group;
}

let groupSheet: CSSStyleSheet | undefined;
const groupRules = new Set<number>();

/** Gives a group the height of `rows` rows while it is off screen. */
function setGroupRows(group: HTMLElement, rows: number): void {
  const n = Math.max(1, Math.round(rows));
  if (!groupRules.has(n)) {
    if (!groupSheet) {
      groupSheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, groupSheet];
    }
    groupSheet.insertRule(`.code-group.group-rows-${n} { contain-intrinsic-block-size: auto calc(${n} * 1.45em); }`, groupSheet.cssRules.length);
    groupRules.add(n);
  }
  group.className = `code-group group-rows-${n}`;
}

/** Slices with a line break are units of their own; runs of pieces of a long line share one. */
function unitBounds(source: string, slices: readonly number[]): [number, number][] {
  const bounds: [number, number][] = [];
  let start = 0;
  let pieces = 0;
  for (const end of slices) {
    const last = bounds[bounds.length - 1];
    const piece = !source.slice(start, end).includes('\n');
    if (piece && last && pieces > 0 && pieces < PIECES_PER_ROW) {
      last[1] = end;
      pieces++;
    } else {
      bounds.push([start, end]);
      pieces = piece ? 1 : 0;
    }
    start = end;
  }
  return bounds;
}

/**
 * Fills an empty <code> with `source`: the first FIRST_CHARS now, the rest
 * through showMoreCode(). Only the units' bounds are worked out here: a
 * block's elements are made as they are shown, in idle time (made all at
 * once, the 417 units of 10,000 lines took 9.5 ms of the task that drew the
 * reply, the first time the page's script ran it).
 */
export function fillCode(code: HTMLElement, source: string): void {
  const slices = codeUnitEnds(source);
  texts.set(code, { source, slices, bounds: unitBounds(source, slices), units: [], rows: [], code });
  showMoreCode(code, FIRST_CHARS);
}

/** The next unit of `text`, in the group of the unit before it or, every GROUP_UNITS, a new one sized for its units' rows. */
function nextUnit(text: CodeText): Unit {
  const index = text.units.length;
  const [start, end] = text.bounds[index] as readonly [number, number];
  const previous = text.units[index - 1];
  let group = previous?.group;
  if (!group || index % GROUP_UNITS === 0) {
    group = newGroup();
    let rows = 0;
    text.bounds.slice(index, index + GROUP_UNITS).forEach(([from, to], i) => {
      const unitRows = rowsOf(text.source.slice(from, to));
      text.rows[index + i] = unitRows;
      rows += unitRows;
    });
    setGroupRows(group, rows);
  }
  const element = document.createElement('span');
  setRows(element, text.rows[index] as number);
  const rest = document.createElement('span');
  rest.className = 'code-rest';
  element.append(rest);
  return { element, group, start, end, rest, restStart: start };
}

export function codeTextOf(code: HTMLElement): CodeText | undefined {
  return texts.get(code);
}

/** Shows up to `chars` more of a block's text (at least one unit); returns whether some is still missing. */
export function showMoreCode(code: HTMLElement, chars: number): boolean {
  const text = texts.get(code);
  // An empty block (a fence with nothing in it) has no unit to show.
  if (!text || text.units.length >= text.bounds.length) return false;
  const fragment = document.createDocumentFragment();
  const limit = (text.bounds[text.units.length]?.[0] ?? 0) + chars;
  do {
    const unit = nextUnit(text);
    unit.rest.append(markedNodes(text.source.slice(unit.start, unit.end), 'code'));
    if (!unit.group.firstChild) fragment.append(unit.group);
    unit.group.append(unit.element);
    text.units.push(unit);
  } while (text.units.length < text.bounds.length && (text.bounds[text.units.length]?.[1] ?? 0) <= limit);
  code.append(fragment);
  return text.units.length < text.bounds.length;
}

export function hasMoreCode(code: HTMLElement): boolean {
  const text = texts.get(code);
  return text !== undefined && text.units.length < text.bounds.length;
}

/** The index of the first unit that ends after `offset` (the one holding it), or units.length. */
function unitIndexAt(text: CodeText, offset: number): number {
  let low = 0;
  let high = text.units.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((text.units[mid] as Unit).end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Puts the coloured `fragment` of the source [from, to) in place of its plain
 * text: in the unit where `from` is; units it covers whole lose their text,
 * the one it ends in keeps the rest plain. Returns the unit where `from` is.
 */
export function placeHighlighted(text: CodeText, from: number, to: number, fragment: DocumentFragment): Unit | undefined {
  const first = unitIndexAt(text, from);
  for (let i = first; i < text.units.length; i++) {
    const unit = text.units[i] as Unit;
    if (unit.start >= to) break;
    if (i === first) unit.rest.before(fragment);
    unit.restStart = Math.min(Math.max(to, unit.restStart), unit.end);
    unit.rest.replaceChildren(markedNodes(text.source.slice(unit.restStart, unit.end), 'code'));
  }
  return text.units[first];
}

interface OpenUnit {
  readonly element: HTMLElement;
  readonly group: HTMLElement;
  /** Units in `group` so far, and the rows of those before this one. */
  readonly groupUnits: number;
  readonly groupRows: number;
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
    if (chars >= UNIT_CHARS || lines >= UNIT_LINES || lineChars >= LINE_PIECE * PIECES_PER_ROW) break;
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

function rowsOpen(unit: OpenUnit): number {
  return Math.min(Math.max(unit.lineChars > 0 ? unit.lines + 1 : unit.lines, 1), UNIT_LINES);
}

/** Appends text to a <code> that grows (an open fence), in units like a settled block's. */
export function appendCode(code: HTMLElement, text: string): void {
  let rest = text;
  while (rest.length > 0) {
    let unit = openUnits.get(code);
    let n = unit ? fitting(unit, rest) : 0;
    if (!unit || n === 0) {
      const element = document.createElement('span');
      setRows(element, 1);
      const full = !unit || unit.groupUnits >= GROUP_UNITS;
      const group = full ? newGroup() : (unit as OpenUnit).group;
      if (full) code.append(group);
      group.append(element);
      const groupRows = full || !unit ? 0 : unit.groupRows + rowsOpen(unit);
      unit = { element, group, groupUnits: full || !unit ? 1 : unit.groupUnits + 1, groupRows, chars: 0, lines: 0, lineChars: 0 };
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
    setRows(unit.element, rowsOpen(unit));
    setGroupRows(unit.group, unit.groupRows + rowsOpen(unit));
    rest = rest.slice(n);
  }
}

/** Empties a growing <code> (its text changed other than by growing). */
export function clearCode(code: HTMLElement): void {
  code.replaceChildren();
  openUnits.delete(code);
}

// One line of a reply as marked may see it. marked recurses once per level of
// nesting (quotes, lists, emphasis, links), so a few thousand levels overflow
// the stack and a few hundred cost seconds; here nesting is bounded before
// marked sees the text, a line at a time, with the state the lines before left.

/** Quotes and list items inside each other beyond this are shown as text. */
export const MAX_BLOCK_NESTING = 16;
/** Emphasis and brackets open inside each other beyond this are shown as text. */
export const MAX_INLINE_NESTING = 16;

export interface Fence {
  readonly char: '`' | '~';
  readonly length: number;
}

/** What the lines so far leave for the next one. Plain data: copied to guard an unfinished line without keeping its effects. */
export interface LineState {
  /** The fenced code block the line is in, if any: its lines are code, never touched. */
  fence: Fence | undefined;
  /** Content columns of the list items open around the line (outermost first). */
  lists: number[];
  /** Emphasis delimiters and brackets open in the current paragraph. */
  emphasis: number;
  brackets: number;
  previousBlank: boolean;
  previousIndentedCode: boolean;
  /** The last character guarded: a piece of a long line continues what it followed. */
  lastChar: string;
}

export function initialLineState(): LineState {
  return { fence: undefined, lists: [], emphasis: 0, brackets: 0, previousBlank: true, previousIndentedCode: false, lastChar: '\n' };
}

export function copyLineState(state: LineState): LineState {
  return { ...state, lists: [...state.lists] };
}

export interface GuardedLine {
  /** The line as marked gets it: unchanged, or with markers and delimiters escaped. */
  readonly text: string;
  /** Nesting was cut back on this line (its block gets a note). */
  readonly flattened: boolean;
  /** How many quotes and list items hold the line: marked's work on it grows with this. */
  readonly depth: number;
  /**
   * Characters inside open brackets, each counted once per bracket around it:
   * marked lexes a link's text again for every link it is nested in, so ten
   * thousand characters inside sixteen links cost it seventeen times as much.
   */
  readonly bracketed?: number;
}

const THEMATIC_BREAK = /^ {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$/;
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
/**
 * A line that closes a fence, after any quote markers and blanks: only
 * backquotes or tildes. Markers and blanks in any order are one character
 * class, not a repeated group: a line of a million `>` took the group 160 ms
 * to backtrack through, the class 1 ms.
 */
const FENCE_CLOSE = /^[ \t>]*(`{3,}|~{3,})[ \t]*$/;

function columns(text: string): number {
  let width = 0;
  for (const ch of text) width += ch === '\t' ? 4 - (width % 4) : 1;
  return width;
}

interface Marker {
  readonly start: number;
  readonly kind: 'quote' | 'list';
  /** For a list item: the column its content starts at. */
  readonly contentColumn: number;
}

/**
 * The quote and list markers at the start of a line, with where its content
 * begins. Stops after MAX_BLOCK_NESTING + 1 markers: past that the line is
 * flattened whatever follows.
 */
function containerMarkers(line: string): { markers: Marker[]; contentStart: number; indent: number } {
  const markers: Marker[] = [];
  let i = 0;
  let column = 0;
  let indent = -1;
  while (markers.length <= MAX_BLOCK_NESTING) {
    const lead = /^[ \t]*/.exec(line.slice(i, i + 64))?.[0] ?? '';
    for (const ch of lead) column += ch === '\t' ? 4 - (column % 4) : 1;
    const at = i + lead.length;
    if (indent < 0) indent = column;
    if (line[at] === '>') {
      markers.push({ start: at, kind: 'quote', contentColumn: 0 });
      const space = line[at + 1] === ' ' ? 1 : 0;
      column += 1 + space;
      i = at + 1 + space;
      continue;
    }
    const list = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(at, at + 12))?.[0];
    if (list) {
      const after = /^[ \t]{0,4}/.exec(line.slice(at + list.length, at + list.length + 4))?.[0] ?? '';
      column += list.length + columns(after);
      markers.push({ start: at, kind: 'list', contentColumn: column - columns(after) + Math.max(1, after.length) });
      i = at + list.length + after.length;
      continue;
    }
    return { markers, contentStart: i, indent };
  }
  return { markers, contentStart: i, indent };
}

function isWhitespace(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

/**
 * Bounds emphasis and bracket nesting in a paragraph's text: a delimiter run
 * or bracket that would open beyond the limit is escaped, so marked reads it
 * as the literal characters it shows anyway; so is any run longer than the
 * limit. Code spans are left alone. `endsLine`: `text` runs to the end of its
 * line (else a piece of a long line follows, and a run at its end is taken to
 * open, to be safe).
 */
function guardInline(text: string, state: LineState, endsLine: boolean): { text: string; flattened: boolean; bracketed: number } {
  let out = '';
  let from = 0;
  let flattened = false;
  let bracketed = 0;
  /** Where the bracket depth last changed. */
  let counted = 0;
  const countTo = (i: number): void => {
    bracketed += (i - counted) * state.brackets;
    counted = i;
  };
  const before = (i: number): string | undefined => (i > 0 ? text[i - 1] : state.lastChar);
  for (let i = 0; i < text.length; ) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '`') {
      let run = 1;
      while (text[i + run] === '`') run++;
      const close = text.indexOf('`'.repeat(run), i + run);
      i = close >= 0 && text[close + run] !== '`' ? close + run : i + run;
      continue;
    }
    if (ch === '[') {
      if (state.brackets >= MAX_INLINE_NESTING) {
        out += `${text.slice(from, i)}\\`;
        from = i;
        flattened = true;
      } else {
        countTo(i);
        state.brackets++;
      }
      i++;
      continue;
    }
    if (ch === ']') {
      countTo(i);
      state.brackets = Math.max(0, state.brackets - 1);
      i++;
      continue;
    }
    if (ch === '*' || ch === '_' || ch === '~') {
      let run = 1;
      while (text[i + run] === ch) run++;
      const next = i + run < text.length ? text[i + run] : endsLine ? undefined : 'x';
      const opens = !isWhitespace(next);
      const closes = !isWhitespace(before(i));
      if (run > MAX_INLINE_NESTING || (opens && !closes && state.emphasis + run > MAX_INLINE_NESTING)) {
        out += text.slice(from, i) + `\\${ch}`.repeat(run);
        from = i + run;
        flattened = true;
      } else if (opens && !closes) state.emphasis += run;
      else if (closes && !opens) state.emphasis = Math.max(0, state.emphasis - run);
      i += run;
      continue;
    }
    i++;
  }
  countTo(text.length);
  if (text.length > 0) state.lastChar = text[text.length - 1] as string;
  return { text: out + text.slice(from), flattened, bracketed };
}

/**
 * Guards a line, or the first piece of an over-long one (`wholeLine` false),
 * and advances `state`; `line` has no newline. A line
 * nested deeper than MAX_BLOCK_NESTING loses all its markers (its first one is
 * escaped) and so becomes plain text in the block around it.
 */
export function guardLine(line: string, state: LineState, wholeLine = true): GuardedLine {
  if (state.fence) {
    // Matched in place: a line of code can be a megabyte, and is not copied to test it.
    const close = FENCE_CLOSE.exec(line)?.[1];
    if (close && close[0] === state.fence.char && close.length >= state.fence.length) state.fence = undefined;
    return { text: line, flattened: false, depth: state.lists.length };
  }
  const { markers, contentStart, indent } = containerMarkers(line);
  const quotes = markers.filter((m) => m.kind === 'quote').length;
  const listMarkers = markers.filter((m) => m.kind === 'list');
  const content = line.slice(contentStart).trim();
  // Items this line is not indented into are closed by it (a paragraph after a blank line closes them all).
  const itemIndent = quotes > 0 ? 0 : indent;
  if (content !== '' || listMarkers.length > 0) {
    while (state.lists.length > 0 && (state.lists[state.lists.length - 1] ?? 0) > itemIndent && (listMarkers.length > 0 || state.previousBlank)) state.lists.pop();
    if (state.previousBlank && markers.length === 0 && itemIndent === 0) state.lists = [];
  }
  const depth = quotes + state.lists.length + listMarkers.length;
  const first = markers[0];
  const thematicBreak = wholeLine && THEMATIC_BREAK.test(line);
  if (depth > MAX_BLOCK_NESTING && first && !thematicBreak) {
    // Too deep: the markers become text, and the line joins the block around it.
    state.previousBlank = false;
    state.previousIndentedCode = false;
    // The escape goes before the marker's punctuation ("1\\." for an ordered item): it then shows as itself.
    const digits = /^\d*/.exec(line.slice(first.start, first.start + 10))?.[0].length ?? 0;
    const at = first.start + digits;
    const inline = guardInline(line.slice(at), state, wholeLine);
    return { text: `${line.slice(0, at)}\\${inline.text}`, flattened: true, depth: state.lists.length, bracketed: inline.bracketed };
  }
  if (content === '') {
    // A blank line (or one of markers only) ends the paragraph; lists go on past it.
    for (const marker of listMarkers) state.lists.push(marker.contentColumn);
    state.previousBlank = true;
    state.previousIndentedCode = false;
    state.emphasis = 0;
    state.brackets = 0;
    state.lastChar = '\n';
    return { text: line, flattened: false, depth };
  }
  const indentedCode = markers.length === 0 && indent >= (state.lists[state.lists.length - 1] ?? 0) + 4 && (state.previousBlank || state.previousIndentedCode);
  state.previousBlank = false;
  state.previousIndentedCode = indentedCode;
  if (indentedCode) return { text: line, flattened: false, depth };
  for (const marker of listMarkers) state.lists.push(marker.contentColumn);
  // A new list item starts a new paragraph.
  if (listMarkers.length > 0) {
    state.emphasis = 0;
    state.brackets = 0;
  }
  const fence = FENCE_OPEN.exec(content);
  if (fence?.[1] && !(fence[1][0] === '`' && fence[2]?.includes('`'))) {
    state.fence = { char: fence[1][0] as '`' | '~', length: fence[1].length };
    return { text: line, flattened: false, depth };
  }
  if (thematicBreak) return { text: line, flattened: false, depth };
  state.lastChar = contentStart > 0 ? ' ' : '\n';
  const inline = guardInline(line.slice(contentStart), state, wholeLine);
  return { text: line.slice(0, contentStart) + inline.text, flattened: inline.flattened, depth, bracketed: inline.bracketed };
}

/**
 * The rest of a long line, about to begin a segment (a document of its own):
 * what it starts with must not become a heading, list item, quote, fence,
 * rule or code block that the line never was, so leading blanks go and its
 * first character, if markdown could read it as a marker, is escaped.
 */
export function asLineStart(piece: string): string {
  const text = piece.replace(/^[ \t]+/, '');
  const ordered = /^\d{1,9}(?=[.)])/.exec(text)?.[0];
  if (ordered) return `${ordered}\\${text.slice(ordered.length)}`;
  return /^[!-/:-@[-`{-~]/.test(text) ? `\\${text}` : text;
}

/** Guards a piece of an over-long line that is not its start: only its inline nesting. */
export function guardLinePiece(piece: string, state: LineState, endsLine: boolean): GuardedLine {
  if (state.fence) return { text: piece, flattened: false, depth: state.lists.length };
  const inline = guardInline(piece, state, endsLine);
  return { text: inline.text, flattened: inline.flattened, depth: state.lists.length, bracketed: inline.bracketed };
}

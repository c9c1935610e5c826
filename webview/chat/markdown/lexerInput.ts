import type { LineState } from './lineGuard';
import { asLineStart, copyLineState, guardLine, guardLinePiece, initialLineState } from './lineGuard';

/**
 * marked's work on a segment, in characters weighted by nesting (a line inside
 * four quotes is lexed about five times, text inside four links too): past
 * this, the segment ends where the next block starts. At 8,000 one segment of
 * deep nesting cost marked 15–25 ms in one go (its setext-heading and autolink
 * rules scan the paragraph); at 4,000 bench:chat's nesting cases stay near
 * 20 ms of CPU per task and its ordinary reply streams as before.
 */
export const SEGMENT_WEIGHT = 4_000;
/**
 * A cut inside a block splits it in two (a paragraph's two halves show as two
 * paragraphs): between the pieces of an over-long line only past this weight,
 * at any other line only past twice it. Kept apart from SEGMENT_WEIGHT, so a
 * 7,000-character paragraph on one line stays one paragraph.
 */
export const SPLIT_WEIGHT = 8_000;
/**
 * Weight of each place marked's inline lexer stops at (an emphasis delimiter,
 * escape, bracket, backquote, tag or entity start) beyond its character: plain
 * text is one token however long, but each stop tries a dozen rules and often
 * makes a token, and each token is rendered and sanitized. In Node marked
 * lexes 8,000 characters of `*a ` or ` a*` in 2.4–3 ms and as many of prose
 * in 0.15 ms; in the page, cold, one segment of such delimiters took 29 ms.
 * At 3 a segment of a line made of delimiters holds at most about 4,700 of
 * them (up to 16,000 before), while prose with ordinary formatting (a stop
 * every 7–10 characters) weighs a third more.
 */
export const STOP_WEIGHT = 3;
/** A line weighing more than this (see pieceLength) outside code is cut into pieces (marked's inline rules cost more than linear on long lines). */
export const LONG_LINE = 4_000;

/**
 * The text marked is given: the reply's lines as they complete, guarded
 * (lineGuard.ts), and cut into segments that are lexed on their own, so no
 * marked call ever sees more than about SEGMENT_WEIGHT of work where blocks
 * start often, SPLIT_WEIGHT inside one long block. A cut falls where a block
 * starts (after a blank line, a list item or quote line, a heading), between
 * the pieces of an over-long line, or after twice SPLIT_WEIGHT at any line
 * outside a code fence; code fences are never cut (marked
 * scans them in linear time). Cuts depend on the
 * text alone, so a reply streamed in any pieces is cut where the whole one is.
 */
export class LexerInput {
  /**
   * The guarded text committed, a string per line or piece. Not one string
   * grown line by line: marked's tokens are slices of the text they were lexed
   * from, blocks keep them, and V8 keeps a slice's whole parent alive, so a
   * segment sliced from the reply so far kept a copy of all of it (147 MB of
   * heap for a 1 MB reply read 4,000 characters an update). textBetween()
   * joins a segment's pieces into a string that holds only it.
   */
  private readonly pieces: string[] = [];
  /** Where each piece starts in the guarded text. */
  private readonly starts: number[] = [];
  private committed = 0;
  private readonly state: LineState = initialLineState();
  /** Text after the last committed line or piece. */
  private pending = '';
  /** The pending text continues a line whose start was committed as a piece. */
  private midLine = false;
  private weight = 0;
  /** Where each segment after the first starts, in the guarded text. */
  readonly cuts: number[] = [];
  /** Where lines whose nesting was cut back start, in the guarded text. */
  readonly flattened: number[] = [];
  /** Where the fence the text ends in opened, when it is a top-level fence still open. */
  private fenceStart: number | undefined;
  private fenceBody: number | undefined;

  /** The guarded text of everything committed (joined afresh: see textBetween). */
  get text(): string {
    return this.textBetween(0);
  }

  /** How long the guarded text of everything committed is. */
  get length(): number {
    return this.committed;
  }

  /** The guarded text from `start` to `end` (the end of what is committed), as a string of its own. */
  textBetween(start: number, end = this.committed): string {
    if (start >= end) return '';
    // The last piece starting at or before `start`.
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= start) low = middle;
      else high = middle - 1;
    }
    const parts: string[] = [];
    for (let i = low; i < this.pieces.length && (this.starts[i] as number) < end; i++) {
      const at = this.starts[i] as number;
      const piece = this.pieces[i] as string;
      parts.push(start <= at && at + piece.length <= end ? piece : piece.slice(Math.max(0, start - at), end - at));
    }
    return parts.join('');
  }

  /** A top-level code fence is open from this guarded offset on (its lines need no lexing to show). */
  get openFenceStart(): number | undefined {
    return this.state.fence ? this.fenceStart : undefined;
  }

  append(text: string): void {
    const first = text.indexOf('\n');
    if (first < 0) {
      // No line ends here: the unfinished line grows (a megabyte line in a fence is never copied whole).
      this.pending = this.state.fence ? this.pending + text : this.commitLine(this.pending + text, false);
      return;
    }
    this.commitLine(this.pending + text.slice(0, first), true);
    let from = first + 1;
    for (let nl = text.indexOf('\n', from); nl >= 0; nl = text.indexOf('\n', from)) {
      this.commitLine(text.slice(from, nl), true);
      from = nl + 1;
    }
    this.pending = this.commitLine(text.slice(from), false);
  }

  /** Where the code of the open top-level fence starts (after its opening line), for openFenceStart. */
  get openFenceBody(): number | undefined {
    return this.state.fence ? this.fenceBody : undefined;
  }

  /**
   * Commits a line (`whole`: its newline arrived); an over-long line outside
   * code goes in pieces, so none is guarded or lexed whole. Returns what is
   * left of an unfinished line.
   */
  private commitLine(line: string, whole: boolean): string {
    let rest = line;
    while (!this.state.fence) {
      const piece = pieceLength(rest);
      if (piece >= rest.length) break;
      this.commit(rest.slice(0, piece), false);
      rest = rest.slice(piece);
    }
    if (!whole) return rest;
    this.commit(rest, true);
    return '';
  }

  /** The text is complete: its last line counts as a whole line. */
  finish(): void {
    const rest = this.commitLine(this.pending, false);
    if (rest.length > 0) this.commit(rest, false);
    this.pending = '';
  }

  /** The unfinished last line as it would be guarded now (state untouched); inside a fence, as it is. */
  tail(): string {
    if (this.pending.length === 0 || this.state.fence) return this.pending;
    const state = copyLineState(this.state);
    return (this.midLine ? guardLinePiece(this.pending, state, false) : guardLine(this.pending, state, false)).text;
  }

  private commit(line: string, newline: boolean): void {
    const start = this.committed;
    let text = line;
    if (this.cutsBefore(line)) {
      this.cuts.push(start);
      this.weight = 0;
      // The next segment is lexed as a document of its own. The rest of a long
      // line begins a line there, and must not turn into a block it never was;
      // an indented line that continues a list or paragraph must not open an
      // indented code block.
      const continues = this.state.lists.length > 0 || !this.state.previousBlank;
      if (this.midLine) text = asLineStart(line);
      else if (continues) text = line.replace(/^[ \t]+/, '');
      Object.assign(this.state, initialLineState());
      this.midLine = false;
    }
    const wasFence = this.state.fence !== undefined;
    const guarded = this.midLine ? guardLinePiece(text, this.state, newline) : guardLine(text, this.state, newline);
    const opensFence = !wasFence && this.state.fence && !this.midLine && /^(`{3,}|~{3,})/.test(text);
    const piece = newline ? `${guarded.text}\n` : guarded.text;
    if (piece.length > 0) {
      this.pieces.push(piece);
      this.starts.push(start);
      this.committed += piece.length;
    }
    if (opensFence) {
      this.fenceStart = start;
      this.fenceBody = this.committed;
    }
    if (guarded.flattened) this.flattened.push(start);
    // A fence's lines are never lexed inline (and can be a megabyte long).
    const stops = wasFence || this.state.fence ? 0 : inlineStops(guarded.text);
    this.weight += (guarded.text.length + 1 + (guarded.bracketed ?? 0) + STOP_WEIGHT * stops) * (1 + guarded.depth);
    this.midLine = !newline;
  }

  private cutsBefore(line: string): boolean {
    if (this.state.fence || this.weight < SEGMENT_WEIGHT) return false;
    // Inside an over-long line any piece is as good a place as another.
    if (this.midLine) return this.weight >= SPLIT_WEIGHT;
    if (this.weight >= 2 * SPLIT_WEIGHT) return true;
    return (this.state.previousBlank && /^\S/.test(line)) || /^(?:[-+*]|\d{1,9}[.)])[ \t]|^>|^#{1,6}[ \t]/.test(line);
  }
}

/** The characters marked's inline lexer stops at (see STOP_WEIGHT), by char code. */
const STOPS = new Set([...'*_~\\`[]<!&'].map((ch) => ch.charCodeAt(0)));

function inlineStops(text: string): number {
  let stops = 0;
  for (let i = 0; i < text.length; i++) if (STOPS.has(text.charCodeAt(i))) stops++;
  return stops;
}

/**
 * Where to end a piece of an over-long line: within LONG_LINE of weight (a
 * character, plus STOP_WEIGHT if marked stops at it, so a line of delimiters
 * goes in smaller pieces), after the last space in the piece's second half,
 * else at its end (never inside a surrogate pair). The whole text's length
 * when it weighs no more than that.
 */
function pieceLength(text: string): number {
  if (text.length * (1 + STOP_WEIGHT) <= LONG_LINE) return text.length;
  let end = 0;
  for (let weight = 0; end < text.length; end++) {
    weight += STOPS.has(text.charCodeAt(end)) ? 1 + STOP_WEIGHT : 1;
    if (weight > LONG_LINE) break;
  }
  if (end === text.length) return end;
  const space = text.lastIndexOf(' ', end - 1);
  if (space >= end / 2) return space + 1;
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}

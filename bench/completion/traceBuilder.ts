import type { Prng } from './prng';
import { VirtualDocument } from './virtualDocument';

export type TraceEvent =
  | { readonly at: number; readonly kind: 'insert'; readonly text: string }
  | { readonly at: number; readonly kind: 'backspace' }
  | { readonly at: number; readonly kind: 'move'; readonly offset: number };

export interface Trace {
  readonly name: string;
  readonly uri: string;
  readonly languageId: string;
  readonly initialText: string;
  readonly events: readonly TraceEvent[];
}

/** Where and how long a user stops to think, per trace. */
export interface PauseHabits {
  /** After Enter, at the start of a new line. */
  readonly lineStart: number;
  /** After `(`, `= `, `: `, `=> `, `, `: the next thing is a decision. */
  readonly afterOpener: number;
}

const OPENER = /(?:\(|= |: |=> |, |\[)$/;

/**
 * Writes a typing trace with human timing, deterministically from a seed:
 * log-normal inter-key gaps (median ~105 ms), longer after spaces and
 * punctuation, short hesitations (250–560 ms), think pauses (≥ 600 ms) at
 * line starts and after openers, typos fixed with Backspace, and cursor moves
 * followed by a reaction time. Enter carries the new line's indentation, as
 * the editor's auto-indent would.
 */
export class TraceBuilder {
  private time = 0;
  private readonly events: TraceEvent[] = [];
  private readonly doc: VirtualDocument;
  private pendingGap: number | undefined;
  private last = '';

  constructor(
    private readonly rng: Prng,
    private readonly name: string,
    private readonly uri: string,
    private readonly languageId: string,
    private readonly initialText: string,
    private readonly habits: PauseHabits,
  ) {
    this.doc = new VirtualDocument(uri, languageId, initialText);
  }

  get text(): string {
    return this.doc.text;
  }

  /** Puts the cursor right after the first occurrence of `anchor` (after `from`, when given). */
  moveAfter(anchor: string, from?: string): this {
    const text = this.doc.text;
    const start = from === undefined ? 0 : text.indexOf(from);
    const at = text.indexOf(anchor, Math.max(0, start));
    if (at < 0) throw new Error(`${this.name}: anchor not found: ${anchor}`);
    return this.moveTo(at + anchor.length);
  }

  moveTo(offset: number): this {
    // Finding the place: scrolling, clicking or arrow keys.
    this.push({ kind: 'move', offset }, this.takeGap(this.rng.between(700, 1600)));
    // Reaction time before the first keystroke there: a request can only follow typing.
    this.pendingGap = this.rng.between(180, 420);
    return this;
  }

  pause(min = 600, max = 2000): this {
    this.pendingGap = this.rng.between(min, max);
    return this;
  }

  backspace(count: number): this {
    for (let i = 0; i < count; i++) this.push({ kind: 'backspace' }, this.takeGap(this.rng.logNormal(95, 0.25)));
    this.last = '';
    return this;
  }

  /** Types lines of text; the first continues the cursor line, each next one starts with Enter + its indentation. */
  typeLines(lines: readonly string[]): this {
    lines.forEach((line, i) => {
      if (i > 0) {
        const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
        this.key('\n' + indent);
        if (this.rng.chance(this.habits.lineStart)) this.pause(700, 2200);
        this.type(line.slice(indent.length));
      } else {
        this.type(line);
      }
    });
    return this;
  }

  /** Types `text` character by character. */
  type(text: string): this {
    for (const ch of text) {
      if (/[a-z]/.test(ch) && this.rng.chance(0.02)) {
        // A typo, noticed after a moment and fixed.
        this.key(String.fromCharCode(((ch.charCodeAt(0) - 97 + this.rng.int(1, 25)) % 26) + 97));
        this.pendingGap = this.rng.between(200, 450);
        this.backspace(1);
      }
      this.key(ch);
      if (OPENER.test(this.doc.around().before.slice(-3)) && this.rng.chance(this.habits.afterOpener)) this.pause(600, 1500);
    }
    return this;
  }

  build(): Trace {
    return { name: this.name, uri: this.uri, languageId: this.languageId, initialText: this.initialText, events: this.events };
  }

  private key(text: string): void {
    let gap = this.rng.logNormal(105, 0.33);
    if (/[\s\p{P}]/u.test(this.last)) gap += 30;
    if (this.rng.chance(0.05)) gap = this.rng.between(250, 560);
    gap = Math.min(Math.max(gap, 35), 560);
    this.push({ kind: 'insert', text }, this.takeGap(gap));
    this.last = text.slice(-1);
  }

  private takeGap(gap: number): number {
    const pending = this.pendingGap;
    this.pendingGap = undefined;
    return Math.round(pending ?? gap);
  }

  private push(event: { kind: 'insert'; text: string } | { kind: 'backspace' } | { kind: 'move'; offset: number }, gap: number): void {
    this.time += gap;
    this.events.push({ ...event, at: this.time });
    if (event.kind === 'insert') this.doc.insert(event.text);
    else if (event.kind === 'backspace') this.doc.backspace();
    else this.doc.moveTo(event.offset);
  }
}

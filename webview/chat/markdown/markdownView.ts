import type { CodeHighlighter } from './codeHighlighter';
import type { MarkdownBlock } from './markdownBlocks';
import { MarkdownStream } from './markdownStream';
import { elementOf, elementsOf, openFenceElement, plainElement, setOpenFenceText } from './blockElement';

/** Rendering per call: a frame's share; the rest waits for the next frame (render() says so). */
const RENDER_BUDGET_MS = 8;
/** Settled blocks drawn (and sanitized) together. */
const DRAW_BATCH = 16;
/**
 * Source characters of settled blocks drawn per call (at least one batch):
 * the frame lays their text out after the call, and the first time the page
 * meets a kind of text that costs up to ~1 µs a character (deep list markers:
 * 11 ms of layout for the 12,000 characters drawn in a frame, 4–5 ms the
 * second time). At 8,000 the deep-nesting cases' first frames still took up
 * to 24 ms of CPU; at 4,000, 16 ms, and a megabyte arriving whole is drawn
 * in 5.9 s instead of 4.7.
 */
const DRAW_CHARS = 4_000;

export interface RenderResult {
  /** Blocks that settled in this call, to announce. */
  readonly settled: readonly HTMLElement[];
  /** Text is left to render: call again next frame. */
  readonly more: boolean;
}

/**
 * A reply's markdown in the page. Text is appended as it arrives and drawn by
 * render(), a bounded amount per call: settled blocks are sanitized and
 * inserted once and never touched again (but for a link definition they
 * name arriving later); only the tail's elements are replaced (or, for an
 * open code fence, grown as text). A reply arriving whole (a reload) is drawn
 * the same way, over as many frames as it takes.
 */
export class MarkdownView {
  readonly element: HTMLElement;
  private readonly stream = new MarkdownStream();
  /** Every settled block, by its index in the stream. */
  private readonly blocks: MarkdownBlock[] = [];
  /** Elements of the first blocks, drawn; the others wait for the next call. */
  private readonly settled: HTMLElement[] = [];
  /** Drawn blocks rendered again (a late link definition), to redraw. */
  private readonly redraw = new Set<number>();
  /** The unsettled end as the stream last rendered it. */
  private latestTail: readonly MarkdownBlock[] = [];
  private tail: { block: MarkdownBlock; element: HTMLElement }[] = [];
  /** Text arrived (or the end came) since the stream last had nothing left to do. */
  private dirty = false;
  private finalSeen = false;

  constructor(private readonly highlighter: CodeHighlighter) {
    this.element = document.createElement('div');
    this.element.className = 'markdown';
  }

  get text(): string {
    return this.stream.text;
  }

  append(text: string): void {
    this.stream.append(text);
    if (text.length === 0) return;
    this.dirty = true;
    this.element.setAttribute('aria-busy', 'true');
  }

  /**
   * Draws what arrived, within a frame's budget: blocks to draw again (a link
   * definition they name arrived) and settled blocks waiting to be drawn
   * first, then the stream's next steps. `final` settles all once all is
   * read. Settled code blocks are queued for highlighting, ahead of older
   * turns' when `urgent` (a reply being written).
   */
  render(final: boolean, urgent: boolean): RenderResult {
    if (final && !this.finalSeen) {
      this.finalSeen = true;
      this.dirty = true;
    }
    const started = performance.now();
    const before = this.settled.length;
    // A step goes on only if one as long as the last fits in what is left of
    // the budget: a 5 ms step after 5 ms waits for the next frame instead of
    // making this a 15 ms task (a segment of dense markdown lexes for 10–20
    // ms the first time the page meets it).
    let step = 0;
    let drawnChars = 0;
    do {
      const stepStarted = performance.now();
      const [again] = this.redraw;
      if (again !== undefined) {
        this.redraw.delete(again);
        this.redrawSettled(again, urgent);
      } else if (this.settled.length < this.blocks.length) {
        const batch = this.blocks.slice(this.settled.length, this.settled.length + DRAW_BATCH);
        for (const block of batch) drawnChars += block.raw.length;
        const reused = batch.map((block) => this.reuseTail(block));
        const drawn = elementsOf(batch.filter((_, i) => !reused[i]));
        for (const element of reused) this.settled.push(element ?? (drawn.shift() as HTMLElement));
      } else if (this.dirty) {
        const update = this.stream.update(final);
        for (const { index, block } of update.replaced) {
          this.blocks[index] = block;
          // A block not drawn yet is drawn as it is now, later.
          if (index < this.settled.length) this.redraw.add(index);
        }
        this.blocks.push(...update.settled);
        this.latestTail = update.tail;
        this.dirty = update.more;
      } else break;
      step = performance.now() - stepStarted;
    } while (performance.now() - started + step < RENDER_BUDGET_MS && drawnChars < DRAW_CHARS);
    // The tail shows once every block before it does (never out of order).
    const caughtUp = this.settled.length === this.blocks.length;
    this.tail = caughtUp ? this.drawTail(this.latestTail) : [];
    const newlySettled = this.settled.slice(before);
    this.place(newlySettled.length);
    for (const element of newlySettled) this.highlighter.enqueueWithin(element, urgent);
    const more = this.dirty || !caughtUp || this.redraw.size > 0;
    // Assistive technology (and the tests) can tell a reply still being drawn.
    if (more) this.element.setAttribute('aria-busy', 'true');
    else this.element.removeAttribute('aria-busy');
    return { settled: newlySettled, more };
  }

  private redrawSettled(index: number, urgent: boolean): void {
    const old = this.settled[index];
    const block = this.blocks[index];
    if (!old || !block) return;
    const element = elementOf(block);
    old.replaceWith(element);
    this.settled[index] = element;
    this.highlighter.enqueueWithin(element, urgent);
  }

  /** A block that settles as the tail showed it keeps the tail's element. */
  private reuseTail(block: MarkdownBlock): HTMLElement | undefined {
    const index = this.tail.findIndex((t) => t.block === block);
    if (index < 0) return undefined;
    const [reused] = this.tail.splice(index, 1);
    return reused?.element;
  }

  private drawTail(blocks: readonly MarkdownBlock[]): { block: MarkdownBlock; element: HTMLElement }[] {
    const reusable = new Map(this.tail.map((t) => [t.block, t.element]));
    const openFence = this.tail.find((t) => t.block.kind === 'openFence')?.element;
    return blocks.map((block) => {
      const previous = reusable.get(block);
      if (previous) return { block, element: previous };
      if (block.kind !== 'openFence') return { block, element: elementOf(block) };
      try {
        const element = openFence?.dataset.language === block.language ? openFence : openFenceElement(block.language);
        setOpenFenceText(element, block.code);
        return { block, element };
      } catch {
        return { block, element: plainElement(block.raw) };
      }
    });
  }

  /** Puts the new settled elements and the tail after the older settled ones, moving only what is out of place. */
  private place(newlySettled: number): void {
    const before = this.settled.length - newlySettled;
    let previous: ChildNode | null = before > 0 ? (this.settled[before - 1] ?? null) : null;
    for (const element of [...this.settled.slice(before), ...this.tail.map((t) => t.element)]) {
      const expected = previous ? previous.nextSibling : this.element.firstChild;
      if (element !== expected) this.element.insertBefore(element, expected);
      previous = element;
    }
    let extra = previous ? previous.nextSibling : this.element.firstChild;
    while (extra) {
      const next = extra.nextSibling;
      extra.remove();
      extra = next;
    }
  }
}

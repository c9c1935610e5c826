import type { CodeHighlighter } from './codeHighlighter';
import type { MarkdownBlock } from './markdownBlocks';
import { MarkdownStream } from './markdownStream';
import { blockElement, openFenceElement, setOpenFenceText } from './blockElement';

/**
 * A reply's markdown in the page. Text is appended as it arrives and drawn by
 * render(), at most once per frame: settled blocks are sanitized and inserted
 * once and never touched again; only the tail's elements are replaced (or, for
 * an open code fence, grown as text).
 */
export class MarkdownView {
  readonly element: HTMLElement;
  private readonly stream = new MarkdownStream();
  private readonly settled: HTMLElement[] = [];
  private tail: { block: MarkdownBlock; element: HTMLElement }[] = [];

  constructor(private readonly highlighter: CodeHighlighter) {
    this.element = document.createElement('div');
    this.element.className = 'markdown';
  }

  get text(): string {
    return this.stream.text;
  }

  append(text: string): void {
    this.stream.append(text);
  }

  /**
   * Draws what arrived; returns the blocks that settled (to announce them).
   * `final` settles all. Settled code blocks are queued for highlighting,
   * ahead of older turns' when `urgent` (a reply being written).
   */
  render(final: boolean, urgent: boolean): HTMLElement[] {
    const update = this.stream.update(final);
    for (const { index, block } of update.replaced) {
      const old = this.settled[index];
      if (!old || block.kind !== 'html') continue;
      const element = blockElement(block);
      old.replaceWith(element);
      this.settled[index] = element;
      this.highlighter.enqueueWithin(element, urgent);
    }
    const reusable = new Map(this.tail.map((t) => [t.block, t.element]));
    const openFence = this.tail.find((t) => t.block.kind === 'openFence')?.element;
    const drawn = (block: MarkdownBlock): HTMLElement => {
      const previous = reusable.get(block);
      if (previous) {
        reusable.delete(block);
        return previous;
      }
      if (block.kind === 'html') return blockElement(block);
      const element = openFence?.dataset.language === block.language ? openFence : openFenceElement(block.language);
      element.dataset.language = block.language;
      setOpenFenceText(element, block.code);
      return element;
    };
    const newlySettled = update.settled.map(drawn);
    const tail = update.tail.map((block) => ({ block, element: drawn(block) }));
    this.settled.push(...newlySettled);
    this.tail = tail;
    this.place(newlySettled.length);
    for (const element of newlySettled) this.highlighter.enqueueWithin(element, urgent);
    return newlySettled;
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

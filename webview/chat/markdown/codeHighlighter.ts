import DOMPurify from 'dompurify';
import type { Config } from 'dompurify';
import type { HighlightedChunk } from './highlightCode';
import { canHighlight, highlightChunks } from './highlightCode';

// highlight.js output is escaped text in <span class>; it is sanitized all the
// same, to exactly that.
const SPANS: Config & { RETURN_DOM_FRAGMENT: true } = { ALLOWED_TAGS: ['span'], ALLOWED_ATTR: ['class'], RETURN_DOM_FRAGMENT: true };
/** Work per idle slice: well under a frame, so typing and scrolling stay smooth. */
const SLICE_MS = 6;

interface Job {
  readonly code: HTMLElement;
  /** The part of the code not highlighted yet, as one text node after the highlighted spans. */
  readonly rest: Text;
  readonly chunks: Generator<HighlightedChunk, void, undefined>;
}

/**
 * Colours code blocks in idle time, a chunk of lines per step: a block shows
 * as plain text at once and gains its colours within a few frames, and no
 * block, however long, makes one long task. Blocks of a reply being written
 * go first, then those of older turns. A block that left the page is dropped.
 */
export class CodeHighlighter {
  private readonly urgent: Job[] = [];
  private readonly background: Job[] = [];
  private scheduled = false;

  /** Queues the code blocks inside `root`. */
  enqueueWithin(root: HTMLElement, urgent: boolean): void {
    for (const code of root.querySelectorAll<HTMLElement>('.code-block code')) {
      const language = /\blanguage-(\S+)/.exec(code.className)?.[1]?.toLowerCase() ?? '';
      const rest = code.firstChild;
      if (!canHighlight(language) || !(rest instanceof Text) || code.childNodes.length !== 1) continue;
      code.classList.add('pending');
      (urgent ? this.urgent : this.background).push({ code, rest, chunks: highlightChunks(rest.data, language) });
    }
    this.schedule();
  }

  get pending(): number {
    return this.urgent.length + this.background.length;
  }

  private schedule(): void {
    if (this.scheduled || this.pending === 0) return;
    this.scheduled = true;
    const run = (deadline?: IdleDeadline): void => {
      this.scheduled = false;
      const started = performance.now();
      const budget = Math.min(SLICE_MS, Math.max(1, deadline?.timeRemaining() ?? SLICE_MS));
      do this.step();
      while (this.pending > 0 && performance.now() - started < budget);
      this.schedule();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 100 });
    else setTimeout(run, 16);
  }

  private step(): void {
    const queue = this.urgent.length > 0 ? this.urgent : this.background;
    const job = queue[0];
    if (!job) return;
    const next = job.code.isConnected ? job.chunks.next() : { done: true as const, value: undefined };
    if (next.done || !job.rest.data.startsWith(next.value.text)) {
      queue.shift();
      job.code.classList.remove('pending');
      if (job.rest.data.length === 0) job.rest.remove();
      return;
    }
    job.code.insertBefore(DOMPurify.sanitize(next.value.html, SPANS), job.rest);
    job.rest.data = job.rest.data.slice(next.value.text.length);
  }
}

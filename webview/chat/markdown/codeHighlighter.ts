import DOMPurify from 'dompurify';
import type { Config } from 'dompurify';
import { codeOfBlock } from './blockElement';
import { hasMoreCode, showMoreCode, unitElement } from './codeText';
import { codeUnitEnds } from './codeUnits';
import { markHiddenCharacters } from './hiddenMarks';
import type { SliceEnd } from './highlightCode';
import { canHighlight, highlightSlice } from './highlightCode';

// highlight.js output is escaped text in <span class>; it is sanitized all the
// same, to exactly that.
const SPANS: Config & { RETURN_DOM_FRAGMENT: true } = { ALLOWED_TAGS: ['span'], ALLOWED_ATTR: ['class'], RETURN_DOM_FRAGMENT: true };
/** Work per idle slice: well under a frame, so typing and scrolling stay smooth. */
const SLICE_MS = 6;
/** Code put into the page per step while a large block fills in. */
const SHOW_CHARS = 16_384;
/**
 * The longest text highlighted in one go when a slice ends where highlighting
 * cannot resume (inside a mode it cannot re-enter): it is tried again with
 * twice the units, up to this; past it the rest of the block stays plain.
 */
export const MAX_SLICE_CHARS = 8_192;
/**
 * Colours stop after this much of one block: past it a block is data more
 * than code to read, and colouring it would keep the page busy for seconds.
 */
export const MAX_HIGHLIGHT_CHARS = 262_144;

interface Job {
  readonly code: HTMLElement;
  readonly source: string;
  /** '' when the block is only filled in, not coloured. */
  readonly language: string;
  /** The plain units (codeUnits.ts) in the page and not highlighted yet, in order; the first is where highlighting goes on. */
  readonly units: HTMLElement[];
  /** Their end offsets in `source`. */
  readonly ends: number[];
  /** Offset in `source` where the first plain unit starts. */
  start: number;
  /** Modes open at `start`, to re-enter. */
  open: Extract<SliceEnd, { kind: 'inside' }>['open'];
  /** Units in the next attempt: more than one after a slice ended where it could not resume. */
  take: number;
}

/**
 * Colours code blocks in idle time, a unit (a few lines, or a piece of a long
 * line) per step, resuming inside comments and strings where the last unit
 * left off: a block shows as plain text at once and gains its colours within
 * a few frames, and no block, however long or however its lines run, makes
 * one long task. Blocks of a reply being written go first, then those of
 * older turns. A block that left the page is dropped; one whose grammar
 * cannot be resumed keeps the rest plain and says so.
 */
export class CodeHighlighter {
  private readonly urgent: Job[] = [];
  private readonly background: Job[] = [];
  private scheduled = false;

  /** Queues the code blocks inside `root`: the rest of their text to show, then their colours. */
  enqueueWithin(root: HTMLElement, urgent: boolean): void {
    for (const code of root.querySelectorAll<HTMLElement>('.code-block code')) {
      const named = /\blanguage-(\S+)/.exec(code.className)?.[1]?.toLowerCase() ?? '';
      const language = canHighlight(named) ? named : '';
      const info = codeOfBlock.get(code.closest('.code-block') as Element);
      const units = [...code.children].filter((c): c is HTMLElement => c instanceof HTMLElement && c.classList.contains('code-unit'));
      if (!info || units.length === 0 || code.classList.contains('pending') || (!language && !hasMoreCode(code))) continue;
      code.classList.add('pending');
      (urgent ? this.urgent : this.background).push({ code, source: info.code, language, units, ends: codeUnitEnds(info.code), start: 0, open: [], take: 1 });
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
    if (!job.code.isConnected) return this.finish(queue, job);
    // All the text shows before any colour: what is missing matters more than what is plain.
    if (hasMoreCode(job.code)) {
      job.units.push(...showMoreCode(job.code, SHOW_CHARS));
      return;
    }
    if (!job.language || job.units.length === 0) return this.finish(queue, job);
    if (job.start >= MAX_HIGHLIGHT_CHARS) return this.finish(queue, job, true);
    const first = job.ends.length - job.units.length;
    const take = Math.min(job.take, job.units.length);
    const end = job.ends[first + take - 1] ?? job.source.length;
    let slice: ReturnType<typeof highlightSlice>;
    try {
      slice = highlightSlice(job.source.slice(job.start, end), job.language, job.open);
    } catch {
      slice = undefined;
    }
    if (!slice) return this.finish(queue, job, true);
    if (slice.end.kind === 'stuck' && take < job.units.length) {
      // Ended inside something it cannot resume: try again from the same place with more text, within bounds.
      const wider = job.ends[first + 2 * take - 1] ?? job.source.length;
      if (wider - job.start > MAX_SLICE_CHARS) return this.finish(queue, job, true);
      job.take = 2 * take;
      return;
    }
    const fragment = DOMPurify.sanitize(slice.html, SPANS);
    markHiddenCharacters(fragment, 'code');
    const replaced = job.units.splice(0, take);
    const rows = replaced.reduce((n, unit) => n + Number(/rows-(\d+)/.exec(unit.className)?.[1] ?? 1), 0);
    replaced[0]?.before(unitElement(fragment, '', rows));
    for (const unit of replaced) unit.remove();
    job.start = end;
    job.open = slice.end.kind === 'inside' ? slice.end.open : [];
    job.take = 1;
  }

  /** Done with a job; `stopped` when the rest of the block stays plain. */
  private finish(queue: Job[], job: Job, stopped = false): void {
    queue.shift();
    job.code.classList.remove('pending');
    if (!stopped || !job.code.isConnected) return;
    const head = job.code.closest('.code-block')?.querySelector('.code-head .code-language');
    const note = document.createElement('span');
    note.className = 'code-note';
    note.textContent = job.start === 0 ? 'highlighting off for this block' : 'highlighting off for the rest of this block';
    note.title = job.start >= MAX_HIGHLIGHT_CHARS ? `Only the first ${MAX_HIGHLIGHT_CHARS / 1024} KB of a block are coloured.` : 'The code could not be coloured in small enough steps; it is shown as plain text.';
    head?.after(note);
  }
}

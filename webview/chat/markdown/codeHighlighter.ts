import type { CodeText } from './codeText';
import { codeTextOf, hasMoreCode, placeHighlighted, showMoreCode } from './codeText';
import { markedNodes } from './hiddenMarks';
import type { HighlightNode, SliceEnd } from './highlightCode';
import { canHighlight, highlightSlice, scopeClass } from './highlightCode';
import { OnScreen } from './onScreen';
/** Work per idle slice: well under a frame, so typing and scrolling stay smooth. */
const SLICE_MS = 6;
/**
 * Coloured code put on screen per idle slice. The page lays out what
 * changed there before it next paints, and colouring costs it far more than
 * it costs the script: 3–4 KB of TypeScript coloured in one 6 ms slice meant
 * 16–30 ms of layout in the frame after (bench:chat, the 1 MB one-line
 * fence), 512 characters 8–9 ms. A slice that has coloured this much on
 * screen stops early; off screen the page skips laying it out (the units
 * are `content-visibility: auto`), so only time bounds a slice there.
 */
const PLACE_CHARS = 512;
/** Code put into the page per step while a large block fills in. */
const SHOW_CHARS = 4096;
/**
 * The longest text highlighted in one go when a slice ends where highlighting
 * cannot resume (inside a mode it cannot re-enter): it is tried again with
 * twice the slices, up to this; past it the rest of the block stays plain.
 */
export const MAX_SLICE_CHARS = 8_192;
/**
 * Colours stop after this much of one block: past it a block is data more
 * than code to read, and colouring it would keep the page busy for seconds.
 */
export const MAX_HIGHLIGHT_CHARS = 262_144;

interface Job {
  readonly code: HTMLElement;
  readonly text: CodeText;
  /** '' when the block is only filled in, not coloured. */
  readonly language: string;
  /** The first slice not highlighted yet, and where it starts. */
  slice: number;
  start: number;
  /** Modes open at `start`, to re-enter. */
  open: Extract<SliceEnd, { kind: 'inside' }>['open'];
  /** Slices in the next attempt: more than one after a slice ended where it could not resume. */
  take: number;
  /** The block's groups, watched for being on screen once colouring has begun. */
  watched?: Set<HTMLElement>;
}

/**
 * highlight.js's tokens as elements: a span with its classes per scope, the
 * code as text nodes (hidden characters marked). Nothing is parsed as HTML,
 * so nothing in the code can become markup.
 */
function tokenElements(nodes: readonly HighlightNode[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const node of nodes) {
    if (typeof node === 'string') {
      fragment.append(markedNodes(node, 'code'));
      continue;
    }
    const inner = tokenElements(node.children);
    if (!node.scope) {
      fragment.append(inner);
      continue;
    }
    const span = document.createElement('span');
    span.className = scopeClass(node.scope);
    span.append(inner);
    fragment.append(span);
  }
  return fragment;
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
  /** Characters coloured on screen in this slice. */
  private placed = 0;
  private readonly onScreen = new OnScreen();

  /** Queues the code blocks inside `root`: the rest of their text to show, then their colours. */
  enqueueWithin(root: HTMLElement, urgent: boolean): void {
    for (const code of root.querySelectorAll<HTMLElement>('.code-block code')) {
      const named = /\blanguage-(\S+)/.exec(code.className)?.[1]?.toLowerCase() ?? '';
      const language = canHighlight(named) ? named : '';
      const text = codeTextOf(code);
      if (!text || code.classList.contains('pending') || (!language && !hasMoreCode(code))) continue;
      code.classList.add('pending');
      (urgent ? this.urgent : this.background).push({ code, text, language, slice: 0, start: 0, open: [], take: 1 });
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
      this.placed = 0;
      do this.step();
      while (this.pending > 0 && performance.now() - started < budget && this.placed < PLACE_CHARS);
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
      showMoreCode(job.code, SHOW_CHARS);
      return;
    }
    const slices = job.text.slices;
    if (!job.language || job.slice >= slices.length) return this.finish(queue, job);
    if (job.start >= MAX_HIGHLIGHT_CHARS) return this.finish(queue, job, true);
    const take = Math.min(job.take, slices.length - job.slice);
    const end = slices[job.slice + take - 1] as number;
    let slice: ReturnType<typeof highlightSlice>;
    try {
      slice = highlightSlice(job.text.source.slice(job.start, end), job.language, job.open);
    } catch {
      slice = undefined;
    }
    if (!slice) return this.finish(queue, job, true);
    if (slice.end.kind === 'stuck' && job.slice + take < slices.length) {
      // Ended inside something it cannot resume: try again from the same place with more text, within bounds.
      const wider = slices[Math.min(slices.length, job.slice + 2 * take) - 1] as number;
      if (wider - job.start > MAX_SLICE_CHARS) return this.finish(queue, job, true);
      job.take = 2 * take;
      return;
    }
    if (!job.watched) {
      job.watched = new Set(job.text.units.map((unit) => unit.group));
      this.onScreen.watch(job.watched);
    }
    const unit = placeHighlighted(job.text, job.start, end, tokenElements(slice.nodes));
    if (unit === undefined || this.onScreen.maybeOn(unit.group)) this.placed += end - job.start;
    job.slice += take;
    job.start = end;
    job.open = slice.end.kind === 'inside' ? slice.end.open : [];
    job.take = 1;
  }

  /** Done with a job; `stopped` when the rest of the block stays plain. */
  private finish(queue: Job[], job: Job, stopped = false): void {
    queue.shift();
    if (job.watched) this.onScreen.unwatch(job.watched);
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

import type { Disposable } from '../emitter';
import type { AdaptiveDebounce } from './adaptiveDebounce';
import type { Clock } from './clock';
import type { CompletionPosition } from './completionCache';
import type { CompletionRequest, RequestResult, ScheduledCompletion, SchedulerSettings, StartCompletion } from './scheduledCompletion';
import { newWaiter, typedAlong } from './schedulerState';
import type { DocumentState, InFlight, Waiter } from './schedulerState';

const DEFAULT_ORPHAN_GRACE_MS = 500;

/**
 * Decides when completion requests run, per document: after an adaptive
 * debounce (none for explicit requests), at most one in flight, a newer
 * request aborting the older one at once so a stale generation never holds
 * the daemon's slot. The exception is typing that agrees with the stream:
 * when the user types what the model has produced, the running request is
 * kept and its answer serves the new position too. Typing ahead of a stream
 * that agrees so far waits for it (it started earlier than a new request
 * could), with the caller's own request in reserve: the moment the stream
 * says something else it is aborted and that request runs, undelayed.
 */
export class CompletionScheduler<R extends RequestResult = RequestResult> implements Disposable {
  private readonly documents = new Map<string, DocumentState<R>>();

  /** `debounce` learns the typing rhythm and the model's time to first token from what happens here. */
  constructor(
    private readonly clock: Clock,
    private readonly debounce: AdaptiveDebounce,
    private readonly settings: () => SchedulerSettings = () => ({}),
  ) {}

  /**
   * Counts a keystroke for the typing rhythm. request() does this itself; call
   * it for automatic triggers answered without a request (cache hits), or the
   * rhythm would see only the gaps between misses. With the position the
   * keystroke led to, a running request that nobody waits for any more and
   * that cannot answer that position is aborted now: without this it would
   * run out its grace period while the user types through another suggestion.
   */
  noteKeystroke(position?: CompletionPosition): void {
    this.debounce.noteKeystroke(this.clock.now(), position?.prefix);
    if (position !== undefined) this.noteEdit(position);
  }

  /** True while a request for the document waits for its debounce or runs. */
  busy(docKey: string): boolean {
    const doc = this.documents.get(docKey);
    return doc?.pending !== undefined || doc?.inFlight !== undefined;
  }

  /**
   * The document changed and the cursor is now at `position`. Requests for
   * any other position are stale: VS Code asks again only once typing stops
   * for a moment, and a stale request would hold the daemon's slot until
   * then. A running one is aborted now once the edit contradicts what it
   * produced; while the stream merely lags behind the typing it is left to
   * the next request(), which may still reuse it.
   */
  noteEdit(position: CompletionPosition): void {
    const doc = this.documents.get(position.docKey);
    if (doc === undefined) return;
    const pending = doc.pending?.request;
    if (pending !== undefined && (pending.prefix !== position.prefix || pending.suffix !== position.suffix)) this.dropPending(doc, { kind: 'superseded' });
    const running = doc.inFlight;
    if (running === undefined) return;
    doc.edited = position;
    if (typedAlong(running, position) === undefined) this.abort(doc, running, { kind: 'superseded' });
  }

  /**
   * Runs `start` when the time comes and resolves with the answer for this
   * request's position. Aborting `signal` (the caller's cancellation) settles
   * this call as `cancelled`; a running request outlives its last caller by a
   * short grace period so the next keystroke can still reuse it.
   */
  request(request: CompletionRequest, start: StartCompletion<R>, signal?: AbortSignal): Promise<ScheduledCompletion<R>> {
    if (!request.explicit) this.debounce.noteKeystroke(this.clock.now(), request.prefix);
    if (signal?.aborted === true) return Promise.resolve({ kind: 'cancelled' });
    return new Promise((resolve) => {
      const doc = this.state(request.docKey);
      if (doc.pending !== undefined) this.dropPending(doc, { kind: 'superseded' });
      const running = doc.inFlight;
      const typed = running === undefined ? undefined : typedAlong(running, request);
      const joins = running !== undefined && typed !== undefined;
      const waiter = newWaiter(resolve, { typed: typed ?? '', joined: joins }, signal, (w) => this.detach(request.docKey, w));
      if (running !== undefined && joins) {
        if (!running.partial.startsWith(waiter.typed)) waiter.fallback = { request, start, at: this.clock.now() };
        running.waiters.add(waiter);
        this.clock.clearTimeout(running.orphanTimer);
        return;
      }
      if (running !== undefined) this.abort(doc, running, { kind: 'superseded' });
      this.schedule(doc, request, start, waiter, this.delayFor(request));
    });
  }

  /** Stops everything for a document (closed, or completions turned off). */
  cancel(docKey: string): void {
    const doc = this.documents.get(docKey);
    if (doc === undefined) return;
    if (doc.pending !== undefined) this.dropPending(doc, { kind: 'cancelled' });
    if (doc.inFlight !== undefined) this.abort(doc, doc.inFlight, { kind: 'cancelled' });
    this.documents.delete(docKey);
  }

  dispose(): void {
    for (const docKey of [...this.documents.keys()]) this.cancel(docKey);
  }

  private state(docKey: string): DocumentState<R> {
    let doc = this.documents.get(docKey);
    if (doc === undefined) {
      doc = {};
      this.documents.set(docKey, doc);
    }
    return doc;
  }

  /** A caller went away: its pending request is dropped; a running one lingers briefly for reuse. */
  private detach(docKey: string, waiter: Waiter<R>): void {
    waiter.settle({ kind: 'cancelled' });
    const doc = this.documents.get(docKey);
    if (doc === undefined) return;
    if (doc.pending?.waiter === waiter) {
      this.clock.clearTimeout(doc.pending.timer);
      doc.pending = undefined;
    }
    const running = doc.inFlight;
    if (running === undefined || !running.waiters.delete(waiter) || running.waiters.size > 0) return;
    const grace = this.settings().orphanGraceMs ?? DEFAULT_ORPHAN_GRACE_MS;
    running.orphanTimer = this.clock.setTimeout(() => {
      if (doc.inFlight === running && running.waiters.size === 0) this.abort(doc, running, { kind: 'cancelled' });
    }, grace);
  }

  private dropPending(doc: DocumentState<R>, result: ScheduledCompletion<R>): void {
    const pending = doc.pending;
    if (pending === undefined) return;
    this.clock.clearTimeout(pending.timer);
    doc.pending = undefined;
    pending.waiter.settle(result);
  }

  private abort(doc: DocumentState<R>, running: InFlight<R>, result: ScheduledCompletion<R>): void {
    if (doc.inFlight === running) doc.inFlight = undefined;
    this.clock.clearTimeout(running.orphanTimer);
    // The reason reaches the inspector ("aborted: superseded: …").
    running.controller.abort(new DOMException(result.kind === 'superseded' ? 'superseded: the text changed before the answer came' : 'cancelled by the editor', 'AbortError'));
    for (const waiter of running.waiters) waiter.settle(result);
    running.waiters.clear();
  }

  private start(doc: DocumentState<R>, request: CompletionRequest, start: StartCompletion<R>, waiter: Waiter<R>): void {
    const running: InFlight<R> = {
      request,
      controller: new AbortController(),
      startedAt: this.clock.now(),
      waiters: new Set([waiter]),
      partial: '',
    };
    doc.inFlight = running;
    doc.edited = undefined;
    const onPartial = (text: string): void => {
      if (doc.inFlight !== running) return;
      if (text !== '' && running.firstToken === undefined) {
        running.firstToken = true;
        this.debounce.noteFirstToken(this.clock.now() - running.startedAt);
      }
      running.partial = text;
      this.dropContradicted(doc, running);
    };
    let promise: Promise<R>;
    try {
      promise = start(running.controller.signal, onPartial);
    } catch (error) {
      promise = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    promise.then(
      (result) => this.finish(doc, running, { ok: true, result }),
      (error: unknown) => this.finish(doc, running, { ok: false, error }),
    );
  }

  private finish(doc: DocumentState<R>, running: InFlight<R>, outcome: { ok: true; result: R } | { ok: false; error: unknown }): void {
    if (doc.inFlight === running) doc.inFlight = undefined;
    this.clock.clearTimeout(running.orphanTimer);
    // Aborted by the scheduler: its waiters already have their answer.
    if (running.controller.signal.aborted) return;
    if (outcome.ok && running.firstToken === undefined) this.debounce.noteFirstToken(this.clock.now() - running.startedAt);
    const unanswered: Waiter<R>[] = [];
    for (const waiter of running.waiters) {
      if (!outcome.ok) waiter.settle({ kind: 'failed', error: outcome.error });
      else if (!outcome.result.raw.startsWith(waiter.typed)) unanswered.push(waiter);
      else waiter.settle({ kind: 'completed', text: outcome.result.raw.slice(waiter.typed.length), result: outcome.result, reused: waiter.joined });
    }
    running.waiters.clear();
    this.restartNewest(doc, unanswered);
  }

  /**
   * Callers whose typing the stream now contradicts leave it. If nobody is
   * left it stops at once (what it says can no longer match what is typed).
   */
  private dropContradicted(doc: DocumentState<R>, running: InFlight<R>): void {
    // Nobody waits, but the document has moved on: what the stream says now may rule it out.
    if (running.waiters.size === 0 && doc.edited !== undefined && typedAlong(running, doc.edited) === undefined) {
      this.abort(doc, running, { kind: 'superseded' });
      return;
    }
    const contradicted = [...running.waiters].filter((w) => !running.partial.startsWith(w.typed) && !w.typed.startsWith(running.partial));
    if (contradicted.length === 0) return;
    for (const waiter of contradicted) running.waiters.delete(waiter);
    if (running.waiters.size === 0) this.abort(doc, running, { kind: 'superseded' });
    this.restartNewest(doc, contradicted);
  }

  /**
   * The newest caller the stream could not answer runs its own request, if
   * it joined with one in reserve and nothing newer is under way, once its
   * debounce has passed (counted from when it asked: it has waited since);
   * the others are superseded.
   */
  private restartNewest(doc: DocumentState<R>, unanswered: Waiter<R>[]): void {
    const newest = unanswered.pop();
    for (const waiter of unanswered) waiter.settle({ kind: 'superseded' });
    if (newest === undefined) return;
    const fallback = newest.fallback;
    if (fallback === undefined || doc.inFlight !== undefined || doc.pending !== undefined) {
      newest.settle({ kind: 'superseded' });
      return;
    }
    newest.fallback = undefined;
    newest.typed = '';
    newest.joined = false;
    const waited = this.clock.now() - fallback.at;
    this.schedule(doc, fallback.request, fallback.start, newest, Math.max(0, this.delayFor(fallback.request) - waited));
  }

  private delayFor(request: CompletionRequest): number {
    return request.explicit ? 0 : Math.max(this.debounce.delayAfter(request.prefix), request.minDelayMs ?? 0);
  }

  private schedule(doc: DocumentState<R>, request: CompletionRequest, start: StartCompletion<R>, waiter: Waiter<R>, delay: number): void {
    if (delay <= 0) {
      this.start(doc, request, start, waiter);
      return;
    }
    const timer = this.clock.setTimeout(() => {
      if (doc.pending?.waiter !== waiter) return;
      // The debounce is over, but in a busy extension host its timer can fire
      // before keystrokes already queued behind it are seen (timers run ahead
      // of I/O in Node's loop). One more turn lets noteEdit drop this request
      // instead of sending one that is stale when it reaches the daemon.
      const send = this.clock.setTimeout(() => {
        if (doc.pending?.waiter !== waiter) return;
        doc.pending = undefined;
        this.start(doc, request, start, waiter);
      }, 0);
      doc.pending = { request, start, waiter, timer: send };
    }, delay);
    doc.pending = { request, start, waiter, timer };
  }
}

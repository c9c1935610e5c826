import type { CompletionPosition } from './completionCache';
import type { CompletionRequest, RequestResult, ScheduledCompletion, StartCompletion } from './scheduledCompletion';

// The scheduler's state per document: the request waiting for its debounce,
// the one running, and the callers waiting for an answer.

export interface Waiter<R extends RequestResult> {
  /** Typed since the running request's position; set for callers that joined it. */
  typed: string;
  joined: boolean;
  /**
   * Set for a caller that joined a stream still behind its typing: its own
   * request, run at once if the stream turns out to say something else.
   */
  fallback?: { readonly request: CompletionRequest; readonly start: StartCompletion<R>; readonly at: number };
  settle(result: ScheduledCompletion<R>): void;
}

export interface Pending<R extends RequestResult> {
  readonly request: CompletionRequest;
  readonly start: StartCompletion<R>;
  readonly waiter: Waiter<R>;
  readonly timer: unknown;
}

export interface InFlight<R extends RequestResult> {
  readonly request: CompletionRequest;
  readonly controller: AbortController;
  readonly startedAt: number;
  readonly waiters: Set<Waiter<R>>;
  partial: string;
  /** The model's first token came (its time went to the debounce). */
  firstToken?: true;
  orphanTimer?: unknown;
}

export interface DocumentState<R extends RequestResult> {
  pending?: Pending<R>;
  inFlight?: InFlight<R>;
  /** Where the last edit since the running request started left the cursor. */
  edited?: CompletionPosition;
}

/** A caller of request(): settled once; its signal detaches it. */
export function newWaiter<R extends RequestResult>(
  resolve: (result: ScheduledCompletion<R>) => void,
  along: { typed: string; joined: boolean },
  signal: AbortSignal | undefined,
  detach: (waiter: Waiter<R>) => void,
): Waiter<R> {
  let settled = false;
  const onAbort = (): void => detach(waiter);
  const waiter: Waiter<R> = {
    typed: along.typed,
    joined: along.joined,
    settle: (result) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      resolve(result);
    },
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  return waiter;
}

/**
 * What the user typed since the running request's position, when it agrees
 * with what the model has produced so far (either may be ahead of the
 * other); undefined when the running request cannot answer this position.
 * A stream that has said nothing yet serves only its own position: a key
 * typed during its prefill is most likely not what it will say, and keeping
 * it until its first token to find out held the daemon's one slot for
 * 120–145 ms after the key at the median (bench:editor on a quiet machine,
 * the wasted mid-typing requests), longer than the rest of such a request's
 * life. Aborted at the key, it costs only the time since it arrived.
 */
export function typedAlong<R extends RequestResult>(running: InFlight<R>, request: CompletionPosition): string | undefined {
  const from = running.request;
  if (from.suffix !== request.suffix || !request.prefix.startsWith(from.prefix)) return undefined;
  const typed = request.prefix.slice(from.prefix.length);
  if (typed !== '' && running.partial === '') return undefined;
  return running.partial.startsWith(typed) || typed.startsWith(running.partial) ? typed : undefined;
}

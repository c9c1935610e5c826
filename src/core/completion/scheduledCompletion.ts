import type { CompletionPosition } from './completionCache';

// The scheduler's contract with whoever starts requests (the pipeline, the
// benchmark's naive baseline): a request is a function that resolves with what
// it produced, and every caller gets that result back through its own call.

export interface CompletionRequest extends CompletionPosition {
  /** Asked for by the user (a keybinding): no debounce. */
  readonly explicit: boolean;
  /** An automatic request waits at least this long, whatever the debounce (e.g. after a likely typo). */
  readonly minDelayMs?: number;
}

/** What a started request produced. The scheduler reads only `raw`, the model's text, to serve callers who typed part of it. */
export interface RequestResult {
  readonly raw: string;
}

/**
 * Performs one request. `signal` aborts it (closing the HTTP request);
 * `onPartial` receives the raw text so far, each call extending the previous
 * one; the promise resolves with what the request produced.
 */
export type StartCompletion<R extends RequestResult = RequestResult> = (signal: AbortSignal, onPartial: (textSoFar: string) => void) => Promise<R>;

export type ScheduledCompletion<R extends RequestResult = RequestResult> =
  /**
   * `result` is what the request that ran produced; `text` is its raw answer
   * for the caller's own position (what the caller typed since is cut off
   * when it joined another position's request: `reused`).
   */
  | { readonly kind: 'completed'; readonly text: string; readonly result: R; readonly reused: boolean }
  /** A newer request for the document replaced this one. */
  | { readonly kind: 'superseded' }
  /** The caller's signal aborted, or the scheduler was disposed. */
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly error: unknown };

export interface SchedulerSettings {
  /**
   * How long a request whose every caller has gone keeps running, in case the
   * next keystroke can reuse it (VS Code cancels the old call before it asks
   * again).
   */
  readonly orphanGraceMs?: number;
}

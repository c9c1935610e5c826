import type { CompletionRequest, RequestResult, ScheduledCompletion, StartCompletion } from '../../../../src/core/completion/scheduledCompletion';

// Requests whose streams a scheduler test drives by hand.

export interface Call {
  readonly signal: AbortSignal;
  emit(text: string): void;
  finish(text: string): void;
  fail(error: Error): void;
}

/** What a test request produces: the model's text, and which request it was (the one the model answered). */
export interface Ran extends RequestResult {
  readonly request: CompletionRequest;
}

/** StartCompletions, one per request, whose streams the test drives by hand. */
export function controlledStart(): { start: (request: CompletionRequest) => StartCompletion<Ran>; calls: Call[] } {
  const calls: Call[] = [];
  const start = (request: CompletionRequest): StartCompletion<Ran> => (signal, onPartial) =>
    new Promise<Ran>((resolve, reject) => {
      calls.push({ signal, emit: onPartial, finish: (raw) => resolve({ raw, request }), fail: reject });
    });
  return { start, calls };
}

export const req = (prefix: string, explicit = false, docKey = 'doc'): CompletionRequest => ({ docKey, prefix, suffix: '\n', explicit });

/** Records a promise's result without awaiting it, so the clock can move meanwhile. */
export function track(promise: Promise<ScheduledCompletion<Ran>>): { result?: ScheduledCompletion<Ran> } {
  const box: { result?: ScheduledCompletion<Ran> } = {};
  void promise.then((r) => (box.result = r));
  return box;
}

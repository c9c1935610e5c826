import type { ModelAnswer } from '../../src/core/completion/modelRequests';
import type { CompletionRequest, ScheduledCompletion, StartCompletion } from '../../src/core/completion/scheduledCompletion';
import type { CacheHit, CompletionPosition } from '../../src/core/completion/completionCache';

/**
 * The baseline the benchmark compares with: what a simple provider does. A
 * fixed debounce (a newer keystroke drops the pending request, and so does
 * VS Code's cancellation), then the request runs to its end whatever happens:
 * nothing aborts it, and several can queue at the daemon.
 */
export class NaiveScheduler {
  private readonly pending = new Map<string, { timer: ReturnType<typeof setTimeout>; settle: (r: ScheduledCompletion<ModelAnswer>) => void }>();

  constructor(private readonly delayMs = 300) {}

  noteKeystroke(): void {
    // A fixed debounce learns nothing.
  }

  noteEdit(): void {
    // Nothing is aborted: requests run to their end.
  }

  busy(): boolean {
    return false;
  }

  request(request: CompletionRequest, start: StartCompletion<ModelAnswer>, signal?: AbortSignal): Promise<ScheduledCompletion<ModelAnswer>> {
    return new Promise((resolve) => {
      this.drop(request.docKey, { kind: 'superseded' });
      let settled = false;
      const settle = (result: ScheduledCompletion<ModelAnswer>): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const onAbort = (): void => {
        if (this.pending.get(request.docKey)?.settle === settle) this.drop(request.docKey, { kind: 'cancelled' });
        // A request already sent keeps running: the naive client cannot cancel it.
        settle({ kind: 'cancelled' });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(
        () => {
          this.pending.delete(request.docKey);
          start(new AbortController().signal, () => undefined).then(
            (result) => settle({ kind: 'completed', text: result.raw, result, reused: false }),
            (error: unknown) => settle({ kind: 'failed', error }),
          );
        },
        request.explicit ? 0 : this.delayMs,
      );
      this.pending.set(request.docKey, { timer, settle });
    });
  }

  cancel(docKey: string): void {
    this.drop(docKey, { kind: 'cancelled' });
  }

  dispose(): void {
    for (const docKey of [...this.pending.keys()]) this.cancel(docKey);
  }

  private drop(docKey: string, result: ScheduledCompletion<ModelAnswer>): void {
    const pending = this.pending.get(docKey);
    if (pending === undefined) return;
    clearTimeout(pending.timer);
    this.pending.delete(docKey);
    pending.settle(result);
  }
}

/** No cache at all. */
export const noCache = {
  lookup: (_position: CompletionPosition): CacheHit | undefined => undefined,
  store: (_position: CompletionPosition, _completion: string): void => undefined,
  forgetDocument: (_docKey: string): void => undefined,
  clear: (): void => undefined,
};

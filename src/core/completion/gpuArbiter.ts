import { Emitter } from '../emitter';
import type { Disposable, Event } from '../emitter';

/**
 * Who has the GPU: chat or completions. A local daemon serves one request per
 * model slot at a time (OLLAMA_NUM_PARALLEL=1 by default), so a completion
 * fired while a chat answer streams either queues behind it or pushes it
 * aside. Chat marks its streams here; completions ask before they run.
 */
export class GpuArbiter implements Disposable {
  private streams = 0;
  private readonly idleWaiters = new Set<() => void>();
  private readonly emitter = new Emitter<boolean>();
  /** Fires `true` when the first chat stream begins and `false` when the last one ends. */
  readonly onDidChange: Event<boolean> = this.emitter.event;

  get chatStreaming(): boolean {
    return this.streams > 0;
  }

  /** Marks a chat answer as streaming until the returned Disposable is disposed (once is enough; twice is harmless). */
  beginChatStream(): Disposable {
    this.streams++;
    if (this.streams === 1) this.emitter.fire(true);
    let ended = false;
    return {
      dispose: () => {
        if (ended) return;
        ended = true;
        this.streams--;
        if (this.streams > 0) return;
        for (const wake of [...this.idleWaiters]) wake();
        this.emitter.fire(false);
      },
    };
  }

  /**
   * Resolves `true` as soon as no chat stream runs (at once when none does),
   * or `false` when `signal` aborts first: a superseded completion must not
   * linger in the queue.
   */
  whenIdle(signal?: AbortSignal): Promise<boolean> {
    if (this.streams === 0) return Promise.resolve(true);
    if (signal?.aborted === true) return Promise.resolve(false);
    return new Promise((resolve) => {
      const settle = (idle: boolean): void => {
        this.idleWaiters.delete(wake);
        signal?.removeEventListener('abort', onAbort);
        resolve(idle);
      };
      const wake = (): void => settle(true);
      const onAbort = (): void => settle(false);
      this.idleWaiters.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  dispose(): void {
    // Nobody waits for a GPU that is going away.
    for (const wake of [...this.idleWaiters]) wake();
    this.emitter.dispose();
  }
}

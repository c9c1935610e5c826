import { Emitter } from '../emitter';
import type { Event } from '../emitter';
import type { ModelServer } from '../engine/modelServer';
import type { Activity, LoadedModel } from '../engine/engineTypes';
import type { ConnectionMonitor, ConnectionState } from '../connection/connectionMonitor';

export interface LoadedModelsTimings {
  /** Quiet time after the last request before /api/ps is asked (a burst of completions asks once). */
  readonly afterActivityMs: number;
  /** Asked again this long after the earliest keep_alive expiry, when the daemon should have unloaded it. */
  readonly afterExpiryMs: number;
  /** No expiry timer further out than this (keep_alive -1 reports a date centuries away). */
  readonly maxWaitMs: number;
}

export const DEFAULT_LOADED_TIMINGS: LoadedModelsTimings = { afterActivityMs: 1_000, afterExpiryMs: 1_000, maxWaitMs: 30 * 60_000 };

/**
 * Which models the daemon holds in memory now, and how much of each is in GPU
 * memory (/api/ps). Not polled: asked when the daemon is reached, after
 * requests settle, when a model's keep_alive runs out, and on demand (the view
 * opens, Refresh). `wanted()` false (the view is hidden) skips the automatic asks.
 */
export class LoadedModels {
  private current: readonly LoadedModel[] = [];
  private inFlight: Promise<void> | undefined;
  private activityTimer: ReturnType<typeof setTimeout> | undefined;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly emitter = new Emitter<readonly LoadedModel[]>();
  readonly onDidChange: Event<readonly LoadedModel[]> = this.emitter.event;
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly ollama: Pick<ModelServer, 'loadedModels' | 'onDidChangeActivity'>,
    private readonly monitor: Pick<ConnectionMonitor, 'state' | 'onDidChange'>,
    private readonly wanted: () => boolean,
    private readonly timings: LoadedModelsTimings = DEFAULT_LOADED_TIMINGS,
  ) {
    this.subscriptions = [
      monitor.onDidChange((state) => this.onConnection(state)),
      ollama.onDidChangeActivity((activity) => this.onActivity(activity)),
    ];
  }

  get models(): readonly LoadedModel[] {
    return this.current;
  }

  /** Asks /api/ps now, or joins the request in flight (a small answer: it is fresh enough). */
  refresh(): Promise<void> {
    this.inFlight ??= this.ask().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  dispose(): void {
    this.disposed = true;
    for (const s of this.subscriptions) s.dispose();
    clear(this.activityTimer);
    clear(this.expiryTimer);
    this.emitter.dispose();
  }

  private async ask(): Promise<void> {
    if (this.monitor.state.status !== 'connected') return this.set([]);
    const result = await this.ollama.loadedModels();
    if (this.disposed) return;
    // A failed /api/ps says nothing about what is loaded: keep the last answer.
    if (result.ok) this.set(result.value);
  }

  private set(models: readonly LoadedModel[]): void {
    this.scheduleExpiry(models);
    if (sameList(this.current, models)) return;
    this.current = models;
    this.emitter.fire(models);
  }

  private onConnection(state: ConnectionState): void {
    if (state.status === 'connected') void this.refresh();
    else this.set([]);
  }

  private onActivity(activity: Activity): void {
    if (activity.phase !== 'idle' || !this.wanted()) return;
    clear(this.activityTimer);
    this.activityTimer = unref(setTimeout(() => void this.refresh(), this.timings.afterActivityMs));
  }

  private scheduleExpiry(models: readonly LoadedModel[]): void {
    clear(this.expiryTimer);
    this.expiryTimer = undefined;
    const expiries = models.map((m) => Date.parse(m.expiresAt)).filter((t) => Number.isFinite(t));
    if (expiries.length === 0) return;
    const wait = Math.min(Math.max(0, Math.min(...expiries) - Date.now()) + this.timings.afterExpiryMs, this.timings.maxWaitMs);
    this.expiryTimer = unref(
      setTimeout(() => {
        if (this.wanted()) void this.refresh();
      }, wait),
    );
  }
}

function sameList(a: readonly LoadedModel[], b: readonly LoadedModel[]): boolean {
  return a.length === b.length && a.every((m, i) => JSON.stringify(m) === JSON.stringify(b[i]));
}

function clear(timer: ReturnType<typeof setTimeout> | undefined): void {
  if (timer) clearTimeout(timer);
}

// Never keep the extension host (or a test process) alive for a refresh.
function unref(timer: ReturnType<typeof setTimeout>): ReturnType<typeof setTimeout> {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

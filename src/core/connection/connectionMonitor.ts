import { Emitter } from '../emitter';
import type { Event } from '../emitter';
import type { Logger } from '../logger';
import type { OllamaFailure } from '../engine/ollamaFailure';
import type { ModelServer } from '../engine/modelServer';
import type { ModelInfo } from '../engine/engineTypes';

export type ConnectionState =
  | { readonly status: 'connecting' }
  | {
      readonly status: 'connected';
      readonly version: string;
      readonly models: readonly ModelInfo[];
      /** Set when the daemon answers but the model list could not be read. */
      readonly modelsFailure?: OllamaFailure;
    }
  | { readonly status: 'down'; readonly failure: OllamaFailure };

/** What the monitor asks of the model server. */
export type MonitoredServer = Pick<ModelServer, 'version' | 'listModels' | 'invalidateModels' | 'hostLabel' | 'onDidFindUnreachable'>;

export interface ConnectionMonitorTimings {
  /** Health check interval while connected. */
  readonly connectedPollMs: number;
  /** First retry delay while down; doubles up to `maxRetryMs`. */
  readonly firstRetryMs: number;
  readonly maxRetryMs: number;
}

// A GET /api/version costs the daemon next to nothing; polling every 5 s makes an
// outage visible within seconds rather than when the next request fails.
export const DEFAULT_MONITOR_TIMINGS: ConnectionMonitorTimings = { connectedPollMs: 5_000, firstRetryMs: 2_000, maxRetryMs: 15_000 };

/**
 * Knows whether the daemon is up, and notices by itself when it goes down or
 * comes back (no window reload), refreshing the model list on the way back.
 * One check runs at a time; `retry()` joins a running check.
 */
export class ConnectionMonitor {
  private current: ConnectionState = { status: 'connecting' };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<ConnectionState> | undefined;
  private retryDelay: number;
  private disposed = false;
  private readonly emitter = new Emitter<ConnectionState>();
  readonly onDidChange: Event<ConnectionState> = this.emitter.event;
  private readonly unreachable: { dispose(): void };

  constructor(
    private readonly ollama: MonitoredServer,
    private readonly log: Logger,
    private readonly timings: ConnectionMonitorTimings = DEFAULT_MONITOR_TIMINGS,
  ) {
    this.retryDelay = timings.firstRetryMs;
    // A request that met a stopped or restarting daemon says so before the next poll would.
    this.unreachable = ollama.onDidFindUnreachable(() => {
      if (this.current.status === 'connected') void this.check({ refreshModels: false });
    });
  }

  get state(): ConnectionState {
    return this.current;
  }

  start(): Promise<ConnectionState> {
    return this.check({ refreshModels: true });
  }

  /** Checks now (the user pressed Retry, or the host setting changed). */
  retry(): Promise<ConnectionState> {
    this.retryDelay = this.timings.firstRetryMs;
    return this.check({ refreshModels: true });
  }

  /** Re-reads the model list (after a pull, or on the user's request). */
  refreshModels(): Promise<ConnectionState> {
    this.ollama.invalidateModels();
    return this.check({ refreshModels: true });
  }

  /** The host changed: what we knew about the old daemon no longer holds. */
  reset(): Promise<ConnectionState> {
    this.ollama.invalidateModels();
    this.set({ status: 'connecting' });
    return this.retry();
  }

  dispose(): void {
    this.disposed = true;
    this.unreachable.dispose();
    if (this.timer) clearTimeout(this.timer);
    this.emitter.dispose();
  }

  private check(options: { refreshModels: boolean }): Promise<ConnectionState> {
    if (this.inFlight) return this.inFlight;
    if (this.timer) clearTimeout(this.timer);
    this.inFlight = this.runCheck(options).finally(() => {
      this.inFlight = undefined;
      this.schedule();
    });
    return this.inFlight;
  }

  private async runCheck(options: { refreshModels: boolean }): Promise<ConnectionState> {
    const wasUp = this.current.status === 'connected';
    const version = await this.ollama.version();
    if (this.disposed) return this.current;
    if (!version.ok) {
      if (wasUp || this.current.status === 'connecting') this.log.warn(`Ollama unreachable: ${version.failure.detail}`);
      // Polling while down must not re-announce the same outage.
      const same = this.current.status === 'down' && this.current.failure.message === version.failure.message;
      if (!same) this.set({ status: 'down', failure: version.failure });
      return this.current;
    }
    // Back from down (or first contact): the daemon may have restarted with other models.
    const refresh = options.refreshModels || !wasUp;
    if (!wasUp) {
      this.ollama.invalidateModels();
      this.log.info(`Connected to Ollama ${version.value} at ${this.ollama.hostLabel}`);
    }
    if (!refresh && this.current.status === 'connected' && this.current.version === version.value) {
      return this.current;
    }
    const models = await this.ollama.listModels({ refresh });
    if (this.disposed) return this.current;
    this.set(
      models.ok
        ? { status: 'connected', version: version.value, models: models.value }
        : { status: 'connected', version: version.value, models: [], modelsFailure: models.failure },
    );
    return this.current;
  }

  private schedule(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    let delay: number;
    if (this.current.status === 'connected') {
      this.retryDelay = this.timings.firstRetryMs;
      delay = this.timings.connectedPollMs;
    } else {
      delay = this.retryDelay;
      this.retryDelay = Math.min(this.retryDelay * 2, this.timings.maxRetryMs);
    }
    this.timer = setTimeout(() => void this.check({ refreshModels: false }), delay);
    // Never keep a process (tests, the extension host on shutdown) alive for a poll.
    (this.timer as { unref?: () => void }).unref?.();
  }

  private set(state: ConnectionState): void {
    this.current = state;
    this.emitter.fire(state);
  }
}

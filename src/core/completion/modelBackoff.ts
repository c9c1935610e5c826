import type { Clock } from './clock';

export interface BackoffTimings {
  /** Cool-down after the first transient failure; doubles with each further one. */
  readonly firstMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffTimings = { firstMs: 1_000, maxMs: 30_000 };

/** Why a model is not asked right now. */
export interface Blocked<F> {
  readonly failure: F;
  /** Persists until reset() (missing model, no FIM); otherwise a timed cool-down. */
  readonly sticky: boolean;
}

interface Entry<F> {
  readonly failure: F;
  readonly sticky: boolean;
  readonly until: number;
  readonly streak: number;
}

/**
 * Remembers per model why requests failed, so a keystroke-driven feature
 * cannot turn one failure into a request storm. Failures that only the user
 * can fix (model missing, cannot fill in the middle) block the model until
 * something changes: settings, the model list, the daemon coming back
 * (reset()). Transient ones (server error, busy) block it for an exponentially
 * growing cool-down that the next success clears.
 */
export class ModelBackoff<F> {
  private readonly entries = new Map<string, Entry<F>>();

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly timings: BackoffTimings = DEFAULT_BACKOFF,
  ) {}

  blocked(model: string): Blocked<F> | undefined {
    const entry = this.entries.get(model);
    if (entry === undefined) return undefined;
    if (!entry.sticky && this.clock.now() >= entry.until) return undefined;
    return { failure: entry.failure, sticky: entry.sticky };
  }

  /** Records a failure; returns true when the model was not blocked for it before (the first time since a reset or success). */
  fail(model: string, failure: F, sticky: boolean): boolean {
    const previous = this.entries.get(model);
    const streak = previous === undefined || previous.sticky ? 1 : previous.streak + 1;
    const coolDown = Math.min(this.timings.maxMs, this.timings.firstMs * 2 ** (streak - 1));
    this.entries.set(model, { failure, sticky, streak, until: sticky ? Infinity : this.clock.now() + coolDown });
    return previous === undefined;
  }

  succeed(model: string): void {
    this.entries.delete(model);
  }

  /** Something changed that may have fixed every failure: try again. */
  reset(): void {
    this.entries.clear();
  }
}

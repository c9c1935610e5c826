/** Work per frame before the remaining tasks wait for the next one (each task also bounds its own work). */
const FRAME_BUDGET_MS = 12;

/**
 * DOM work batched per animation frame: deltas arrive every ~33 ms and may
 * bunch up; each turn is drawn at most once a frame, then `afterFrame` runs
 * (keeping the list scrolled to the bottom). A frame runs tasks until its
 * budget is spent and leaves the rest for the next, so many turns drawing at
 * once (a reload) never make one long task. A task that throws is reported and
 * does not stop the others. Hidden views get no frames, so text simply
 * accumulates until they are shown.
 */
export class FrameQueue {
  private readonly tasks = new Set<() => void>();
  private requested = false;
  /** When drawing began in the current task (a message handler drawing many turns at once). */
  private burstStarted: number | undefined;

  constructor(private readonly afterFrame: () => void) {}

  schedule(task: () => void): void {
    this.tasks.add(task);
    if (this.requested) return;
    this.requested = true;
    requestAnimationFrame(() => this.run());
  }

  /**
   * Runs `task` at once while the current task's drawing budget lasts, so a
   * turn that arrives whole shows without waiting for a frame; past the
   * budget (a conversation of many long turns opening) it waits for one.
   */
  now(task: () => void): void {
    const at = performance.now();
    if (this.burstStarted === undefined) {
      this.burstStarted = at;
      queueMicrotask(() => (this.burstStarted = undefined));
    }
    if (at - this.burstStarted >= FRAME_BUDGET_MS) {
      this.schedule(task);
      return;
    }
    this.tasks.delete(task);
    try {
      task();
    } catch (error) {
      console.error('Hearth: drawing a turn failed', error);
    }
  }

  /** Drops a scheduled task: the turn already drew itself (it finished, and a finished turn does not wait). */
  cancel(task: () => void): void {
    this.tasks.delete(task);
  }

  private run(): void {
    this.requested = false;
    const started = performance.now();
    for (const task of [...this.tasks]) {
      if (performance.now() - started >= FRAME_BUDGET_MS) break;
      this.tasks.delete(task);
      try {
        task();
      } catch (error) {
        console.error('Hearth: drawing a turn failed', error);
      }
    }
    try {
      this.afterFrame();
    } finally {
      if (this.tasks.size > 0 && !this.requested) {
        this.requested = true;
        requestAnimationFrame(() => this.run());
      }
    }
  }
}

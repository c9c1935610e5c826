/**
 * DOM work batched per animation frame: deltas arrive every ~33 ms and may
 * bunch up; each turn is drawn at most once a frame, then `afterFrame` runs
 * (keeping the list scrolled to the bottom). Hidden views get no frames, so
 * text simply accumulates until they are shown.
 */
export class FrameQueue {
  private readonly tasks = new Set<() => void>();
  private requested = false;

  constructor(private readonly afterFrame: () => void) {}

  schedule(task: () => void): void {
    this.tasks.add(task);
    if (this.requested) return;
    this.requested = true;
    requestAnimationFrame(() => this.run());
  }

  /** Drops a scheduled task: the turn already drew itself (it finished, and a finished turn does not wait). */
  cancel(task: () => void): void {
    this.tasks.delete(task);
  }

  private run(): void {
    this.requested = false;
    const tasks = [...this.tasks];
    this.tasks.clear();
    for (const task of tasks) task();
    this.afterFrame();
  }
}

/**
 * One run of an async task at a time, with two ways to ask:
 * `current()` joins the run in flight (a poll: any recent answer will do);
 * `fresh()` is answered by a run that starts after the call, because the run in
 * flight may have asked before what the caller wants to see happened (the user
 * pressed Refresh right after a model loaded). Callers of `fresh()` during one
 * run share a single follow-up run.
 */
export class FreshRun<T> {
  private running: Promise<T> | undefined;
  private followUp: Promise<T> | undefined;

  constructor(private readonly task: () => Promise<T>) {}

  get busy(): boolean {
    return this.running !== undefined;
  }

  current(): Promise<T> {
    return this.running ?? this.start();
  }

  fresh(): Promise<T> {
    const running = this.running;
    if (!running) return this.start();
    this.followUp ??= running.then(settled, settled).then(() => {
      this.followUp = undefined;
      // A run someone started in between would do, but fresh() cannot tell when it began:
      // chain behind it (one request more, never a stale answer).
      return this.fresh();
    });
    return this.followUp;
  }

  private start(): Promise<T> {
    const run: Promise<T> = this.task().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }
}

function settled(): void {
  // The follow-up runs whether the earlier run succeeded or failed.
}

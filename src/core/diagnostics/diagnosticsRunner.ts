import { Emitter } from '../emitter';
import type { Event } from '../emitter';
import { summary } from './renderDiagnostics';
import type { DiagnosticsSummary } from '../../shared/statusTab';
import { gatherDiagnosticsReport } from './diagnosticsReport';
import type { DiagnosticsDeps, DiagnosticsReport } from './diagnosticsReport';

/**
 * One diagnostics run at a time, for the command and the view alike, and the
 * last report for the view (shown there, copied or opened from there).
 */
export class DiagnosticsRunner {
  private running: { readonly controller: AbortController; readonly report: Promise<DiagnosticsReport | undefined>; step: string } | undefined;
  private last: { readonly report: DiagnosticsReport; readonly ranAt: number } | { readonly error: string } | undefined;
  private readonly emitter = new Emitter<void>();
  readonly onDidChange: Event<void> = this.emitter.event;

  constructor(private readonly deps: DiagnosticsDeps) {}

  get lastReport(): DiagnosticsReport | undefined {
    return this.last && 'report' in this.last ? this.last.report : undefined;
  }

  get summary(): DiagnosticsSummary | undefined {
    if (this.running) return { status: 'running', step: this.running.step };
    if (!this.last) return undefined;
    if ('error' in this.last) return { status: 'failed', message: this.last.error };
    const { report, ranAt } = this.last;
    return {
      status: 'done',
      ranAt,
      summary: summary(report.checks),
      checks: report.checks.map((c) => ({ id: c.id, title: c.title, status: c.status, detail: c.detail, ...(c.fix ? { fix: c.fix } : {}) })),
    };
  }

  /**
   * Runs the checks; undefined when cancelled (by `signal` or cancel()). A run
   * already going is joined; `signal` then cancels only this caller's wait.
   */
  run(signal?: AbortSignal, onStep?: (step: string) => void): Promise<DiagnosticsReport | undefined> {
    const joined = this.running;
    if (joined) return signal ? raceAbort(joined.report, signal) : joined.report;
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) controller.abort();
    const progress = { step: 'starting' };
    const report = gatherDiagnosticsReport(this.deps, controller.signal, (step) => {
      // Called synchronously at the start too, before `running` is set.
      progress.step = step;
      if (this.running) this.running.step = step;
      onStep?.(step);
      this.emitter.fire();
    })
      .then(
        (done): DiagnosticsReport => {
          this.last = { report: done, ranAt: Date.now() };
          return done;
        },
        (error: unknown): undefined => {
          if (!controller.signal.aborted) this.last = { error: error instanceof Error ? error.message : String(error) };
          return undefined;
        },
      )
      .finally(() => {
        signal?.removeEventListener('abort', onAbort);
        this.running = undefined;
        this.emitter.fire();
      });
    const entry = { controller, report, step: progress.step };
    this.running = entry;
    this.emitter.fire();
    return entry.report;
  }

  /** Cancels the run in flight (its requests are closed); false when none runs. */
  cancel(): boolean {
    if (!this.running) return false;
    this.running.controller.abort();
    return true;
  }

  dispose(): void {
    this.running?.controller.abort();
    this.emitter.dispose();
  }
}

function raceAbort<T>(promise: Promise<T | undefined>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then((value) => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
  });
}

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One line of the diagnostics report. Text may contain Markdown inline code. */
export interface DiagnosticCheck {
  /** Stable: tests and the view refer to checks by it (`latency:<model>` per probed model). */
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  /** What was found. */
  readonly detail: string;
  /** What to do about it; absent when there is nothing to do. */
  readonly fix?: string;
}

export function check(id: string, title: string, status: CheckStatus, detail: string, fix?: string): DiagnosticCheck {
  return { id, title, status, detail, ...(fix ? { fix } : {}) };
}

/** Text as Markdown inline code (model names, setting values). */
export function code(text: string | number): string {
  return `\`${String(text).replace(/`/g, "'")}\``;
}

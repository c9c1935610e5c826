import type { StopReason } from './agentTypes';

export interface LoopGuardLimits {
  /** Refused repeats of one call before the run stops and asks the user. */
  readonly maxRepeats: number;
  /** Steps in a row without one that worked (bad calls, errors, refused repeats, empty replies). */
  readonly maxFailuresInRow: number;
}

export const DEFAULT_LOOP_LIMITS: LoopGuardLimits = { maxRepeats: 3, maxFailuresInRow: 6 };

/**
 * Catches the two ways small models stall (Cline, Roo and Ollama users report
 * both: the same call issued dozens of times, and retries of a broken call
 * that never get better). A call identical to one made since the workspace
 * last changed is a repeat: its result could not differ, so it is not run
 * again and the model is told; an edit or a command that ran counts as a
 * change, after which re-reading or re-running a test is fair.
 */
export class LoopGuard {
  private seen = new Set<string>();
  private readonly repeats = new Map<string, number>();
  private failuresInRow = 0;
  private stop: { reason: StopReason; message: string } | undefined;

  constructor(private readonly limits: LoopGuardLimits = DEFAULT_LOOP_LIMITS) {}

  /** True when this call was already made since the last change (then it must not run). */
  isRepeat(signature: string): boolean {
    if (!this.seen.has(signature)) {
      this.seen.add(signature);
      return false;
    }
    const count = (this.repeats.get(signature) ?? 0) + 1;
    this.repeats.set(signature, count);
    this.failure();
    if (count >= this.limits.maxRepeats && !this.stop) {
      this.stop = { reason: 'loop', message: `The model repeated the same call ${count + 1} times (${signature.slice(0, 160)}).` };
    }
    return true;
  }

  workspaceChanged(): void {
    this.seen = new Set();
  }

  success(): void {
    this.failuresInRow = 0;
  }

  failure(): void {
    this.failuresInRow++;
    if (this.failuresInRow >= this.limits.maxFailuresInRow && !this.stop) {
      this.stop = { reason: 'noProgress', message: `${this.failuresInRow} steps in a row did not work.` };
    }
  }

  /** Set once a limit is reached: the run stops and asks the user how to go on. */
  get stopReason(): { reason: StopReason; message: string } | undefined {
    return this.stop;
  }
}

/** Tool and arguments with keys sorted, so the same call always has the same signature. */
export function callSignature(tool: string, args: Readonly<Record<string, unknown>>): string {
  return `${tool} ${stableJson(args)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

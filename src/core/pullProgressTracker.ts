import { formatSize } from '../shared/formatSize';

/** The fields of an /api/pull progress line that progress reporting reads. */
export interface PullProgressLine {
  readonly status: string;
  readonly digest?: string;
  readonly total?: number;
  readonly completed?: number;
}

export interface PullProgressStep {
  /** e.g. "pulling 3f2a1b2c… 41% (1.2 GB of 2.9 GB)", or the daemon's status. */
  readonly message: string;
  /** Percent to add to a progress bar that only moves forward. */
  readonly increment: number;
}

/**
 * Turns pull progress lines into messages and bar increments. The bar follows
 * all layers seen so far (completed ÷ total per digest, summed), so the big
 * model layer dominates it; a new layer may lower that share for a moment,
 * which the bar ignores rather than step back. Pure; tested.
 */
export class PullProgressTracker {
  private readonly layers = new Map<string, { total: number; completed: number }>();
  private reported = 0;

  update(line: PullProgressLine): PullProgressStep {
    if (line.status === 'success') return this.advanceTo(100, 'success');
    if (!line.digest || !line.total) return this.advanceTo(this.reported, line.status);
    const completed = Math.min(line.completed ?? 0, line.total);
    this.layers.set(line.digest, { total: line.total, completed });
    const percent = Math.floor((completed / line.total) * 100);
    const message = `pulling ${shortDigest(line.digest)}… ${percent}% (${formatSize(completed)} of ${formatSize(line.total)})`;
    return this.advanceTo(this.overallPercent(), message);
  }

  private overallPercent(): number {
    let total = 0;
    let completed = 0;
    for (const layer of this.layers.values()) {
      total += layer.total;
      completed += layer.completed;
    }
    return total > 0 ? (completed / total) * 100 : 0;
  }

  private advanceTo(percent: number, message: string): PullProgressStep {
    const increment = Math.max(0, Math.min(100, percent) - this.reported);
    this.reported += increment;
    return { message, increment };
  }
}

function shortDigest(digest: string): string {
  return digest.replace(/^sha256[:-]/, '').slice(0, 8);
}

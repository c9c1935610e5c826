// What a soak found, the invariants it must hold, and how it prints them: pure,
// so the judgement is unit-tested apart from the workbench that measures.
import { FAULT_KINDS, type FaultKind } from './soakSchedule';

/** One reading of the extension host's heap (used JS heap after a full GC). */
export interface HeapSample {
  readonly atMs: number;
  readonly usedMb: number;
}

/** A daemon restart (or a spell of refused connections) and when Hearth served again after it. */
export interface Recovery {
  readonly fault: Extract<FaultKind, 'restart' | 'refused'>;
  /** From the stand-in listening again to the next successful completion or chat; undefined if none came. */
  readonly ms: number | undefined;
}

export interface SoakFigures {
  readonly seed: number;
  readonly minutes: number;
  /** Requests the daemon received, by path. */
  readonly requests: Readonly<Record<string, number>>;
  readonly faults: Readonly<Partial<Record<FaultKind, number>>>;
  readonly unhandledRejections: readonly string[];
  readonly peakSockets: number;
  readonly socketBound: number;
  readonly heap: readonly HeapSample[];
  readonly messagesSent: number;
  readonly messagesPersisted: number;
  /** The longest task on the view's page, over every load of it (ms). */
  readonly longestTaskMs: number;
  readonly recoveries: readonly Recovery[];
  /** Completions that reached the editor as ghost text, and chat answers that ended normally. */
  readonly completionsShown: number;
  readonly chatsAnswered: number;
}

/** Heap growth: mean of the last minute's readings less the first minute's (MB); 0 with too few readings. */
export function heapGrowthMb(heap: readonly HeapSample[]): { firstMb: number; lastMb: number; growthMb: number } {
  if (heap.length === 0) return { firstMb: 0, lastMb: 0, growthMb: 0 };
  const end = Math.max(...heap.map((s) => s.atMs));
  const start = Math.min(...heap.map((s) => s.atMs));
  const mean = (samples: readonly HeapSample[]): number => samples.reduce((sum, s) => sum + s.usedMb, 0) / Math.max(1, samples.length);
  const firstMb = mean(heap.filter((s) => s.atMs < start + 60_000));
  const lastMb = mean(heap.filter((s) => s.atMs > end - 60_000));
  return { firstMb, lastMb, growthMb: lastMb - firstMb };
}

/** The invariants a soak must hold; each broken one as a sentence (empty: all held). */
export function brokenInvariants(f: SoakFigures): string[] {
  const broken: string[] = [];
  if (f.unhandledRejections.length > 0) broken.push(`${f.unhandledRejections.length} unhandled rejection(s) in the extension host`);
  if (f.messagesSent !== f.messagesPersisted) broken.push(`${f.messagesSent} messages sent but ${f.messagesPersisted} persisted`);
  if (f.peakSockets > f.socketBound) broken.push(`${f.peakSockets} sockets open at once to the daemon, above the bound of ${f.socketBound}`);
  const stuck = f.recoveries.filter((r) => r.ms === undefined).length;
  if (stuck > 0) broken.push(`${stuck} of ${f.recoveries.length} daemon restarts were never followed by a served completion or chat`);
  return broken;
}

const total = (counts: Readonly<Record<string, number | undefined>>): number => Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);

/** The report's lines (all but the last, the JSON). */
export function reportLines(f: SoakFigures): string[] {
  const heap = heapGrowthMb(f.heap);
  const recovered = f.recoveries.map((r) => r.ms).filter((ms): ms is number => ms !== undefined);
  const broken = brokenInvariants(f);
  return [
    `requests to the daemon   ${total(f.requests)} (${Object.entries(f.requests).sort((a, b) => b[1] - a[1]).map(([path, n]) => `${path} ${n}`).join(', ')})`,
    `faults injected          ${total(f.faults)} (${FAULT_KINDS.map((kind) => `${kind} ${f.faults[kind] ?? 0}`).join(', ')})`,
    `completions shown        ${f.completionsShown}; chat answers finished ${f.chatsAnswered}`,
    `unhandled rejections     ${f.unhandledRejections.length}${f.unhandledRejections.map((r) => `\n    ${r.split('\n').slice(0, 4).join('\n      ')}`).join('')}`,
    `peak open sockets        ${f.peakSockets} (bound ${f.socketBound})`,
    `extension host heap      ${heap.firstMb.toFixed(1)} MB in the first minute, ${heap.lastMb.toFixed(1)} MB in the last: growth ${heap.growthMb.toFixed(1)} MB (${f.heap.length} readings)`,
    `messages sent/persisted  ${f.messagesSent} / ${f.messagesPersisted}`,
    `longest task in the view ${f.longestTaskMs.toFixed(0)} ms`,
    `recovery after restarts  ${f.recoveries.length === 0 ? 'no restarts' : f.recoveries.map((r) => `${r.fault} ${r.ms === undefined ? 'NEVER' : `${(r.ms / 1000).toFixed(1)} s`}`).join(', ')}${recovered.length > 0 ? ` (worst ${(Math.max(...recovered) / 1000).toFixed(1)} s)` : ''}`,
    broken.length === 0 ? 'invariants               all held' : `INVARIANTS BROKEN        ${broken.join('; ')}`,
  ];
}

/** The last line: one JSON object with the figures. */
export function finalJson(f: SoakFigures): Record<string, unknown> {
  const heap = heapGrowthMb(f.heap);
  const recovered = f.recoveries.map((r) => r.ms).filter((ms): ms is number => ms !== undefined);
  return {
    seed: f.seed,
    minutes: f.minutes,
    requests: total(f.requests),
    faults_injected: total(f.faults),
    faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, f.faults[kind] ?? 0])),
    completions_shown: f.completionsShown,
    chats_answered: f.chatsAnswered,
    unhandled_rejections: f.unhandledRejections.length,
    peak_open_sockets: f.peakSockets,
    socket_bound: f.socketBound,
    heap_first_minute_mb: round1(heap.firstMb),
    heap_last_minute_mb: round1(heap.lastMb),
    heap_growth_mb: round1(heap.growthMb),
    messages_sent: f.messagesSent,
    messages_persisted: f.messagesPersisted,
    longest_view_task_ms: round1(f.longestTaskMs),
    recovery_ms: f.recoveries.map((r) => (r.ms === undefined ? null : Math.round(r.ms))),
    worst_recovery_ms: recovered.length > 0 ? Math.round(Math.max(...recovered)) : null,
    invariants_held: brokenInvariants(f).length === 0,
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

// Main-thread time from a Chrome trace: the renderer main thread's top-level
// tasks (ThreadControllerImpl::RunTask, the unit the scheduler runs and that
// DevTools and Lighthouse call a "task"), found by the performance.mark() the
// page set, so only our page's thread counts.
export interface TraceEvent {
  readonly name: string;
  readonly cat?: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** The thread's own CPU time in the event, µs (the wall-clock `dur` less time spent waiting for a core). */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
}

export interface MainThread {
  /** Top-level tasks as [start, end] in µs, merged where they nest. */
  readonly tasks: readonly (readonly [number, number])[];
  /** performance.mark name → trace time in µs. */
  readonly marks: ReadonlyMap<string, number>;
  readonly events: readonly TraceEvent[];
}

export function mainThread(events: readonly TraceEvent[], anchorMark: string): MainThread {
  const anchor = events.find((e) => e.name === anchorMark && e.cat?.includes('blink.user_timing'));
  if (!anchor) throw new Error(`mark ${anchorMark} is not in the trace (is blink.user_timing traced?)`);
  const own = events.filter((e) => e.pid === anchor.pid && e.tid === anchor.tid);
  const marks = new Map<string, number>();
  for (const e of own) if (e.cat?.includes('blink.user_timing') && !marks.has(e.name)) marks.set(e.name, e.ts);
  const names = own.some((e) => e.name === 'ThreadControllerImpl::RunTask') ? ['ThreadControllerImpl::RunTask'] : ['RunTask'];
  const raw = own
    .filter((e) => e.ph === 'X' && names.includes(e.name) && e.dur !== undefined)
    .map((e) => [e.ts, e.ts + (e.dur ?? 0)] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const tasks: [number, number][] = [];
  for (const task of raw) {
    const last = tasks[tasks.length - 1];
    if (last && task[0] <= last[1]) last[1] = Math.max(last[1], task[1]);
    else tasks.push([task[0], task[1]]);
  }
  return { tasks, marks, events: own };
}

/** Main-thread busy µs within [from, to]. */
export function busyWithin(thread: MainThread, from: number, to: number): number {
  let busy = 0;
  for (const [start, end] of thread.tasks) {
    if (end <= from) continue;
    if (start >= to) break;
    busy += Math.min(end, to) - Math.max(start, from);
  }
  return busy;
}

export function longestWithin(thread: MainThread, from: number, to: number): number {
  let longest = 0;
  for (const [start, end] of thread.tasks) if (end > from && start < to) longest = Math.max(longest, end - start);
  return longest;
}

/** µs of the renderer's own phases within [from, to]: style+layout, paint, garbage collection. */
export function phasesWithin(thread: MainThread, from: number, to: number): { layout: number; paint: number; gc: number } {
  const sum = (names: readonly string[]): number =>
    thread.events.filter((e) => e.ph === 'X' && e.ts >= from && e.ts < to && names.includes(e.name)).reduce((total, e) => total + (e.dur ?? 0), 0);
  return {
    layout: sum(['Layout', 'UpdateLayoutTree']),
    paint: sum(['PrePaint', 'Paint', 'Layerize', 'UpdateLayerTree', 'Commit']),
    gc: sum(['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR']),
  };
}

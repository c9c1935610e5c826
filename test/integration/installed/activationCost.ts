// What activating Hearth costs the extension host, measured inside it:
//  - time: VS Code's own performance marks around loading the extension's
//    main module (reading, compiling and running the bundle) and around the
//    activate() call until what it returned has settled. They are internal
//    (`globalThis.MonacoPerformanceMarks`, in every VS Code since 1.5x), so a
//    missing mark is reported as unknown, never guessed.
//  - memory: the host's V8 heap after a full garbage collection, before and
//    after activation when this test is what activates Hearth.
// Figures only: nothing here passes or fails on a number.
import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type * as vscode from 'vscode';

interface PerformanceMarks {
  getMarks(): { name: string; startTime: number }[];
}

export interface ActivationCost {
  /** Loading the main module: the bundle's parse, compile and top-level code (ms). */
  readonly loadMs?: number;
  /** activate() from its call until what it returned settled (ms). */
  readonly activateMs?: number;
  /**
   * CPU time the host process spent while this test's activate() ran (all its
   * threads, so garbage collection too; also any other extension busy then).
   * On a loaded machine wall-clock spans include waiting for a core; this does not.
   */
  readonly cpuMs?: number;
  /** True when Hearth was already active (onStartupFinished won the race) before this measured it. */
  readonly activatedBefore: boolean;
  /** V8 heap in use after a full GC, after activation (bytes). */
  readonly heapAfter: number;
  /** Heap growth across the activation this test caused; unknown when it was already active. */
  readonly heapGrowth?: number;
}

/** Node keeps `gc` behind --expose-gc; setting the flag now exposes it to new contexts. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
}

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

function markSpan(id: string, from: string, to: string): number | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: PerformanceMarks }).MonacoPerformanceMarks?.getMarks() ?? [];
  const at = (name: string): number | undefined => marks.find((m) => m.name === `code/extHost/${name}/${id}`)?.startTime;
  const start = at(from);
  const end = at(to);
  return start !== undefined && end !== undefined ? end - start : undefined;
}

/**
 * With a file name (HEARTH_ACTIVATION_PROFILE), writes a V8 CPU profile of
 * `run` there, for Chrome DevTools: where the activation's time goes.
 */
async function profiled<T>(file: string | undefined, run: () => Thenable<T>): Promise<T> {
  if (!file) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

/** Activates `extension` (if it is not yet) and says what that cost. */
export async function measureActivation<T>(extension: vscode.Extension<T>): Promise<{ api: T; cost: ActivationCost }> {
  const activatedBefore = extension.isActive;
  const heapBefore = activatedBefore ? undefined : heapUsed();
  const cpuBefore = process.cpuUsage();
  const api = await profiled(process.env.HEARTH_ACTIVATION_PROFILE, () => extension.activate());
  const cpu = process.cpuUsage(cpuBefore);
  const heapAfter = heapUsed();
  const cost: ActivationCost = {
    loadMs: markSpan(extension.id, 'willLoadExtensionCode', 'didLoadExtensionCode'),
    activateMs: markSpan(extension.id, 'willActivateExtension', 'didActivateExtension'),
    activatedBefore,
    ...(activatedBefore ? {} : { cpuMs: Math.round((cpu.user + cpu.system) / 1000) }),
    heapAfter,
    ...(heapBefore === undefined ? {} : { heapGrowth: heapAfter - heapBefore }),
  };
  return { api, cost };
}

export function describeCost(cost: ActivationCost): string {
  const ms = (v: number | undefined): string => (v === undefined ? 'unknown' : `${v} ms`);
  const mb = (v: number): string => `${(v / 1024 / 1024).toFixed(1)} MB`;
  const total = cost.loadMs !== undefined && cost.activateMs !== undefined ? `${cost.loadMs + cost.activateMs} ms` : 'unknown';
  return [
    `activation: ${total} (loading dist/extension.js ${ms(cost.loadMs)}, activate() ${ms(cost.activateMs)}; CPU time ${ms(cost.cpuMs)})`,
    `extension host heap after activation: ${mb(cost.heapAfter)}`,
    cost.heapGrowth === undefined
      ? 'Hearth was already active when measured (onStartupFinished came first): its own heap share is unknown'
      : `heap growth from activating Hearth: ${mb(cost.heapGrowth)}`,
  ].join('; ');
}

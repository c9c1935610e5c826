// npm run soak [-- --minutes N] [-- --seed S] — Hearth as shipped, in a real
// VS Code (code-server + headless Chromium), driven for a bounded, seeded
// time: typing, chats, Stop, view reloads, and the daemon's faults played by
// the stand-in (refused connections, restart, hang, 500, an error line
// mid-stream, a malformed line, a slow stream, a reply past the cap). Then a
// final window reload, and the figures; the last line is one JSON object.
// Exits non-zero when an invariant broke (soakReport.ts). Timing-based and
// minutes long: not part of npm test.
import * as fs from 'node:fs';
import type { RecordedRequest } from '../../test/fakes/ollamaStandIn';
import { vscodeVersion } from '../../test/support/vscodeBuilds';
import { SoakDriver } from './soakDriver';
import { brokenInvariants, finalJson, reportLines, type HeapSample, type SoakFigures } from './soakReport';
import { FAULT_KINDS, scheduleCounts, SETTLE_MS, soakSchedule, type FaultKind } from './soakSchedule';
import { SoakView } from './soakView';
import { openSoakWorkbench } from './soakWorkbench';

/**
 * Connections Hearth can hold to the daemon at once, feature by feature: a
 * completion (2: the one just stopped may still be closing as the next
 * opens), the model warm-up (1), a chat answer (1), the connection check
 * (1), the model list (4: /api/show, SHOW_CONCURRENCY at a time, after
 * /api/tags) and the loaded models (/api/ps, 1). Idle keep-alive connections
 * are reused before new ones open, so they stay within this too.
 */
export const SOCKET_BOUND = 10;
const HEAP_EVERY_MS = 15_000;
/** What the stand-in records as a fault, by the soak's name for it. */
const RECORDED_FAULTS: Readonly<Record<string, FaultKind>> = { status: 'status500', hang: 'hang', midStreamError: 'midStreamError', malformedLine: 'malformedLine', slowStream: 'slowStream' };

function option(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  const value = at >= 0 ? Number(argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number, got ${argv[at + 1] ?? 'nothing'}`);
  return value;
}

/** User messages in the conversation files, by text. */
function persistedMessages(files: readonly string[]): string[] {
  const texts: string[] = [];
  for (const file of files) {
    try {
      const conversation = JSON.parse(fs.readFileSync(file, 'utf8')) as { turns?: { role?: string; text?: string }[] };
      for (const turn of conversation.turns ?? []) if (turn.role === 'user' && typeof turn.text === 'string') texts.push(turn.text);
    } catch {
      // Not a conversation (a temporary file mid-write would be one): the count says so.
    }
  }
  return texts;
}

function countRequests(requests: readonly RecordedRequest[]): { byPath: Record<string, number>; faults: Partial<Record<FaultKind, number>>; answered: number } {
  const byPath: Record<string, number> = {};
  const faults: Partial<Record<FaultKind, number>> = {};
  let answered = 0;
  for (const r of requests) {
    byPath[r.path] = (byPath[r.path] ?? 0) + 1;
    const kind = r.fault ? RECORDED_FAULTS[r.fault] : undefined;
    if (kind) faults[kind] = (faults[kind] ?? 0) + 1;
    if (r.path === '/api/chat' && r.outcome === 'completed' && !r.fault) answered++;
  }
  return { byPath, faults, answered };
}

async function main(argv: string[]): Promise<void> {
  const minutes = option(argv, '--minutes', 3);
  const seed = option(argv, '--seed', 11);
  const steps = soakSchedule(seed, minutes);
  console.log(`Hearth soak: ${minutes} min, seed ${seed}, VS Code ${vscodeVersion()} (code-server) in headless Chromium, stand-in at a small GPU's pace, one request at a time.`);
  console.log(`  ${steps.length} steps: ${Object.entries(scheduleCounts(steps)).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const workbench = await openSoakWorkbench();
  let exitCode = 1;
  try {
    const view = await SoakView.open(workbench.page);
    const driver = new SoakDriver(workbench, view, seed);
    await driver.openEditor();
    workbench.standIn.resetSocketPeak();
    const heap: HeapSample[] = [];
    const started = Date.now();
    const sampleHeap = async (): Promise<void> => {
      heap.push({ atMs: Date.now() - started, usedMb: await workbench.inspector.usedHeapMb() });
    };
    await sampleHeap();
    // Read on its own clock, also while a long step runs (one reading at a time).
    let reading = false;
    const heapTimer = setInterval(() => {
      if (reading) return;
      reading = true;
      void sampleHeap().catch(() => undefined).finally(() => (reading = false));
    }, HEAP_EVERY_MS);
    const driverErrors: string[] = [];
    let played = 0;
    for (const [i, step] of steps.entries()) {
      // Bounded: steps the run fell behind on (long answers, slow recoveries) are dropped at the end, not played late.
      if (Date.now() > started + minutes * 60_000 - SETTLE_MS) break;
      const due = started + step.atMs - Date.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      const label = step.action.kind === 'fault' ? `fault ${step.action.fault} (${step.action.target})` : step.action.kind;
      try {
        played++;
        await driver.run(step.action);
      } catch (error) {
        // A step the page did not let through (a timeout) is the driver's trouble, not an invariant: noted and printed.
        driverErrors.push(`${label}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
      if ((i + 1) % 10 === 0) console.log(`  [${((Date.now() - started) / 60_000).toFixed(1)} min] ${i + 1}/${steps.length} steps, ${workbench.standIn.requests.length} requests, ${driver.sent.length} messages sent`);
    }
    // Until the planned end: what is in flight settles, the heap is read in the last minute too.
    const rest = started + minutes * 60_000 - Date.now();
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    clearInterval(heapTimer);
    while (reading) await new Promise((resolve) => setTimeout(resolve, 100));
    await sampleHeap();
    workbench.standIn.clearFaults();
    const longestTaskMs = await view.longestTaskMs();
    const unhandledRejections = await workbench.inspector.unhandledRejections();
    const peakSockets = workbench.standIn.peakSockets;
    const counted = countRequests(workbench.standIn.requests);
    // The final reload: the view starts over and shows what the chat kept;
    // the count itself is read from the conversation files on disk.
    await view.reload().catch((error: unknown) => driverErrors.push(`final reload: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`));
    const lastSent = driver.sent.at(-1);
    if (lastSent) await view.chat.locator('article.turn-user', { hasText: lastSent }).waitFor({ timeout: 60_000 }).catch(() => driverErrors.push('after the final reload the view did not show the last message sent'));
    const persisted = persistedMessages(workbench.conversationFiles());
    const figures: SoakFigures = {
      seed,
      minutes,
      requests: counted.byPath,
      faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, (counted.faults[kind] ?? 0) + (driver.faults[kind] ?? 0)])),
      unhandledRejections,
      peakSockets,
      socketBound: SOCKET_BOUND,
      heap,
      messagesSent: driver.sent.length,
      messagesPersisted: persisted.length,
      longestTaskMs,
      recoveries: driver.recoveries,
      completionsShown: driver.completionsShown,
      chatsAnswered: counted.answered,
    };
    const missing = driver.sent.filter((text) => !persisted.includes(text));
    console.log('');
    console.log(`steps played             ${played} of ${steps.length}${played < steps.length ? ' (the rest fell past the end)' : ''}`);
    for (const line of reportLines(figures)) console.log(line);
    if (missing.length > 0) console.log(`messages not persisted:\n  ${missing.join('\n  ')}`);
    if (driver.kept.length > 0) console.log(`messages the composer kept on Enter (not sent): ${driver.kept.length}`);
    if (driverErrors.length > 0) console.log(`steps the driver could not complete (${driverErrors.length}):\n  ${driverErrors.join('\n  ')}`);
    console.log(`(${((Date.now() - started) / 60_000).toFixed(1)} min; run folder ${workbench.server.runDir})`);
    console.log(JSON.stringify(finalJson(figures)));
    exitCode = brokenInvariants(figures).length === 0 ? 0 : 1;
  } finally {
    await workbench.close();
  }
  process.exitCode = exitCode;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

// The pathological replies of issue #11, each in a fresh page of the real
// bundle, traced from the moment the reply reaches the page until it is
// drawn, filled in and coloured: the longest task of each, in wall-clock time
// (what the user feels; on a loaded machine it includes time spent waiting for
// a core) and in the main thread's own CPU time (what the page asked for).
// Each case renders twice: first as the page's first reply of its kind, when
// V8 compiles the code that handles it on background threads (on two cores
// they take the main thread's core for much of the task), then again.
import type { Browser } from 'playwright-core';
import { assistantTurn, chatSession, CONVERSATION_ID, userTurn } from '../../test/webview/chatFixtures';
import { launchChromium, openChatHarness, type ChatHarness } from '../../test/webview/harness/chatHarness';
import { bidiReply, bigDeltas, DEEP_NESTING, deepReply, lateLinkReply, megabyteAnswer, ONE_LINE_LANGUAGES, oneLineFence, unclosedComment } from '../../test/webview/hostileReplies';
import { RENDERING } from '../../test/webview/replyDriving';
import { longAnswer } from './answerText';
import { mainThread, type TraceEvent } from './traceFigures';

interface Case {
  readonly name: string;
  readonly text: string;
  /** Streamed in these deltas (one per 33 ms), else posted whole as after a reload. */
  readonly deltas?: readonly string[];
}

interface RenderFigure {
  readonly longestMs: number;
  readonly longestCpuMs: number;
  /** Background compilation in the page's process during the longest task, CPU ms. */
  readonly compileMs: number;
  readonly seconds: number;
}

/** The first render of the case in a page, and the same reply rendered again. */
export interface PathologicalFigure extends RenderFigure {
  readonly name: string;
  readonly again: RenderFigure;
}

function cases(): Case[] {
  const late = lateLinkReply();
  const megabyte = megabyteAnswer();
  return [
    ...Object.keys(DEEP_NESTING).map((kind) => ({ name: `deep nesting: ${kind}`, text: deepReply(kind) })),
    { name: 'bidi and invisible characters', text: bidiReply() },
    ...ONE_LINE_LANGUAGES.map((language) => ({ name: `1 MB one-line fence: ${language}`, text: oneLineFence(language).reply })),
    { name: 'unclosed comment + 10k lines', text: unclosedComment().reply },
    { name: '1 MB streamed in 8-16 KB deltas', text: megabyte, deltas: bigDeltas(megabyte) },
    { name: '300 late link definitions', text: late, deltas: Array.from({ length: Math.ceil(late.length / 2000) }, (_, i) => late.slice(i * 2000, (i + 1) * 2000)) },
  ].filter((c) => !process.env.BENCH_CASES || new RegExp(process.env.BENCH_CASES).test(c.name));
}

/** JIT, highlight.js grammars (compiled on first use) and fonts: paid once per page, not by the case measured. */
async function warmUp(h: ChatHarness): Promise<void> {
  const warm = `${longAnswer(7, 6000)}\n\n${deepReply('quotes')}\n\n${bidiReply()}`;
  await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('w0', 'Warm up'), assistantTurn('w1', warm)] });
  await h.page.waitForFunction((busy) => document.querySelector(busy) === null, RENDERING, { timeout: 120_000, polling: 100 });
}

/**
 * Posts the case's reply (whole, or streamed) as turn `turnId`, replacing the
 * conversation's turns, and measures its longest task from the moment it
 * reaches the page until it is drawn, filled in and coloured.
 */
async function renderOnce(browser: Browser, h: ChatHarness, c: Case, turnId: string): Promise<RenderFigure> {
  await browser.startTracing(h.page, { categories: ['toplevel', 'blink.user_timing', 'devtools.timeline', 'disabled-by-default-v8.compile'] });
  const started = Date.now();
  await h.page.evaluate(
    async ({ deltas, conversationId, turnId }) => {
      const text = (window as unknown as { __reply: string }).__reply;
      const turn = (status: string, body: string): unknown => ({ id: turnId, role: 'assistant', model: 'bench', text: body, thinking: '', status, createdAt: 0 });
      const user = { id: `${turnId}-q`, role: 'user', text: 'Go', context: [], createdAt: 0 };
      performance.mark(`case-start-${turnId}`);
      if (!deltas) {
        window.postMessage({ type: 'chatTurns', conversationId, turns: [user, turn('done', text)] }, '*');
        return;
      }
      window.postMessage({ type: 'chatTurns', conversationId, turns: [user, turn('streaming', '')] }, '*');
      for (const delta of deltas) {
        await new Promise((r) => setTimeout(r, 33));
        window.postMessage({ type: 'chatDelta', conversationId, turnId, text: delta, thinking: '' }, '*');
      }
      await new Promise((r) => setTimeout(r, 33));
      window.postMessage({ type: 'chatTurn', conversationId, turn: turn('done', text) }, '*');
    },
    { deltas: c.deltas, conversationId: CONVERSATION_ID, turnId },
  );
  await h.page.waitForFunction(
    ({ busy, turnId }) => document.querySelector(`article[data-turn-id="${turnId}"]`) !== null && document.querySelector(busy) === null,
    { busy: RENDERING, turnId },
    { timeout: 600_000, polling: 200 },
  );
  await h.page.evaluate((turnId) => performance.mark(`case-end-${turnId}`), turnId);
  const seconds = (Date.now() - started) / 1000;
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const thread = mainThread(trace.traceEvents, `case-start-${turnId}`);
  const from = thread.marks.get(`case-start-${turnId}`) as number;
  const to = thread.marks.get(`case-end-${turnId}`) as number;
  if (process.env.BENCH_DETAIL) printHeaviest(thread, from, to);
  // Tasks that start once the reply reaches the page: the one that handed it over (the benchmark's own) does not count.
  const tasks = thread.events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.ts > from && e.ts < to);
  const longest = thread.tasks.filter(([start]) => start > from && start < to).sort((a, b) => b[1] - b[0] - (a[1] - a[0]))[0];
  const longestMs = longest ? (longest[1] - longest[0]) / 1000 : 0;
  const longestCpuMs = Math.max(0, ...tasks.map((e) => e.tdur ?? 0)) / 1000;
  // What else the page's process ran meanwhile: on two cores, V8 compiling the page's hot code in the background.
  const compileMs = longest ? compileWithin(trace.traceEvents, thread, longest) / 1000 : 0;
  return { longestMs, longestCpuMs, compileMs, seconds };
}

/** CPU µs the page's process spent compiling its scripts in the background within [start, end]. */
function compileWithin(events: readonly TraceEvent[], thread: ReturnType<typeof mainThread>, [start, end]: readonly [number, number]): number {
  const main = thread.events[0];
  return events
    .filter((e) => e.ph === 'X' && e.pid === main?.pid && e.tid !== main?.tid && (e.name === 'V8.OptimizeBackground' || e.name === 'V8.MaglevBackground') && e.ts < end && e.ts + (e.dur ?? 0) > start)
    .reduce((sum, e) => sum + (e.tdur ?? 0), 0);
}

/**
 * The case in a fresh page, twice: first as the page's first reply of its
 * kind (its code for such input is compiled while it runs), then again as a
 * new conversation (compiled by then, as for every later reply of the kind).
 */
async function measure(browser: Browser, c: Case): Promise<PathologicalFigure> {
  const h = await openChatHarness(browser);
  try {
    await h.post({ type: 'chatSession', session: chatSession({ context: [] }) });
    await warmUp(h);
    await h.page.evaluate((text) => void ((window as unknown as { __reply: string }).__reply = text), c.text);
    const first = await renderOnce(browser, h, c, 'p1');
    const again = await renderOnce(browser, h, c, 'p2');
    return { name: c.name, ...first, again };
  } finally {
    await h.close();
  }
}

/** BENCH_DETAIL=1: the three tasks that took the most CPU, and what ran in them (to find a regression). */
function printHeaviest(thread: ReturnType<typeof mainThread>, from: number, to: number): void {
  const tasks = thread.events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.ts > from && e.ts < to && e.tdur !== undefined);
  for (const task of tasks.sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, Number(process.env.BENCH_DETAIL) > 1 ? Number(process.env.BENCH_DETAIL) : 3)) {
    const end = task.ts + (task.dur ?? 0);
    const inner = thread.events.filter((e) => e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && (e.tdur ?? 0) > 2000 && !e.name.includes('RunTask'));
    console.log(`      CPU ${((task.tdur ?? 0) / 1000).toFixed(1)} ms at ${((task.ts - from) / 1e6).toFixed(2)} s: ${inner.map((e) => `${e.name} ${((e.tdur ?? 0) / 1000).toFixed(1)}`).join(', ')}`);
  }
}

/** Measures each case in a fresh page; prints a line per case. */
export async function pathologicalFigures(): Promise<PathologicalFigure[]> {
  const browser = await launchChromium();
  const figures: PathologicalFigure[] = [];
  try {
    for (const c of cases()) {
      const figure = await measure(browser, c);
      figures.push(figure);
      const again = figure.again;
      console.log(
        `  ${c.name.padEnd(34)} longest task ${figure.longestMs.toFixed(1).padStart(6)} ms (CPU ${figure.longestCpuMs.toFixed(1).padStart(5)} ms, ` +
          `V8 compiling alongside ${figure.compileMs.toFixed(1).padStart(5)} ms), drawn in ${figure.seconds.toFixed(1)} s; ` +
          `again ${again.longestMs.toFixed(1).padStart(6)} ms (CPU ${again.longestCpuMs.toFixed(1).padStart(5)} ms, compiling ${again.compileMs.toFixed(1)} ms)`,
      );
    }
  } finally {
    await browser.close();
  }
  return figures;
}

/** The last line's figures: the worst of the cases, first time and again, wall-clock and CPU, in ms. */
export function pathologicalJson(figures: readonly PathologicalFigure[]): {
  pathological_longest_task_ms: number;
  pathological_longest_task_cpu_ms: number;
  pathological_longest_task_again_ms: number;
  pathological_longest_task_again_cpu_ms: number;
} {
  const worst = (pick: (p: PathologicalFigure) => number): number => Number(Math.max(0, ...figures.map(pick)).toFixed(1));
  return {
    pathological_longest_task_ms: worst((p) => p.longestMs),
    pathological_longest_task_cpu_ms: worst((p) => p.longestCpuMs),
    pathological_longest_task_again_ms: worst((p) => p.again.longestMs),
    pathological_longest_task_again_cpu_ms: worst((p) => p.again.longestCpuMs),
  };
}

// The pathological replies of issue #11, each in a fresh page of the real
// bundle, traced from the moment the reply reaches the page until it is
// drawn, filled in and coloured: the longest task of each, in wall-clock time
// (what the user feels; on a loaded machine it includes time spent waiting for
// a core) and in the main thread's own CPU time (what the page asked for).
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

export interface PathologicalFigure {
  readonly name: string;
  readonly longestMs: number;
  readonly longestCpuMs: number;
  readonly seconds: number;
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

async function measure(browser: Browser, c: Case): Promise<PathologicalFigure> {
  const h = await openChatHarness(browser);
  try {
    await h.post({ type: 'chatSession', session: chatSession({ context: [] }) });
    await warmUp(h);
    await h.page.evaluate((text) => void ((window as unknown as { __reply: string }).__reply = text), c.text);
    await browser.startTracing(h.page, { categories: ['toplevel', 'blink.user_timing', 'devtools.timeline'] });
    const started = Date.now();
    await h.page.evaluate(
      async ({ deltas, conversationId }) => {
        const text = (window as unknown as { __reply: string }).__reply;
        const turn = (status: string, body: string): unknown => ({ id: 'p1', role: 'assistant', model: 'bench', text: body, thinking: '', status, createdAt: 0 });
        const user = { id: 'p0', role: 'user', text: 'Go', context: [], createdAt: 0 };
        performance.mark('case-start');
        if (!deltas) {
          window.postMessage({ type: 'chatTurns', conversationId, turns: [user, turn('done', text)] }, '*');
          return;
        }
        window.postMessage({ type: 'chatTurns', conversationId, turns: [user, turn('streaming', '')] }, '*');
        for (const delta of deltas) {
          await new Promise((r) => setTimeout(r, 33));
          window.postMessage({ type: 'chatDelta', conversationId, turnId: 'p1', text: delta, thinking: '' }, '*');
        }
        await new Promise((r) => setTimeout(r, 33));
        window.postMessage({ type: 'chatTurn', conversationId, turn: turn('done', text) }, '*');
      },
      { deltas: c.deltas, conversationId: CONVERSATION_ID },
    );
    await h.page.waitForFunction((busy) => document.querySelector('article[data-turn-id="p1"]') !== null && document.querySelector(busy) === null, RENDERING, { timeout: 600_000, polling: 200 });
    await h.page.evaluate(() => performance.mark('case-end'));
    const seconds = (Date.now() - started) / 1000;
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    const thread = mainThread(trace.traceEvents, 'case-start');
    const from = thread.marks.get('case-start') as number;
    const to = thread.marks.get('case-end') as number;
    if (process.env.BENCH_DETAIL) printHeaviest(thread, from, to);
    // Tasks that start once the reply reaches the page: the one that handed it over (the benchmark's own) does not count.
    const tasks = thread.events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.ts > from && e.ts < to);
    const longestMs = Math.max(0, ...thread.tasks.filter(([start]) => start > from && start < to).map(([start, end]) => end - start)) / 1000;
    const longestCpuMs = Math.max(0, ...tasks.map((e) => e.tdur ?? 0)) / 1000;
    return { name: c.name, longestMs, longestCpuMs, seconds };
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
      console.log(`  ${c.name.padEnd(34)} longest task ${figure.longestMs.toFixed(1).padStart(6)} ms (CPU ${figure.longestCpuMs.toFixed(1).padStart(5)} ms), drawn in ${figure.seconds.toFixed(1)} s`);
    }
  } finally {
    await browser.close();
  }
  return figures;
}

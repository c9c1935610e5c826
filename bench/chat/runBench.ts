// npm run bench:chat — the chat view's real (production) bundle in headless
// Chromium, fed exactly as the host feeds it:
//  1. a 20,000-token answer with code blocks streamed at 200 tokens/s, one
//     chatDelta per 33 ms, traced with Chrome's tracing; prints main-thread
//     busy time, the longest task, and the cost of the last 1,000 tokens
//     against the first 1,000;
//  2. a 500-message conversation posted as one chatTurns: time until the
//     first frame with the last messages is painted;
//  3. the pathological replies of issue #11 (pathological.ts): the longest
//     task of each. BENCH_ONLY=pathological runs only these, BENCH_ONLY=screen
//     only the 500 messages' first screen.
// Not part of npm test: it measures time on a shared machine.
import { Prng } from '../completion/prng';
import { assistantTurn, chatSession, CONVERSATION_ID, userTurn } from '../../test/webview/chatFixtures';
import { launchChromium, openChatHarness, type ChatHarness } from '../../test/webview/harness/chatHarness';
import type { ChatSession, ChatTurn } from '../../src/shared/protocol';
import { longAnswer, question, shortAnswer, tokenize } from './answerText';
import { pathologicalFigures, pathologicalJson } from './pathological';
import { streamPlan } from './streamPlan';
import { busyWithin, longestWithin, mainThread, phasesWithin, type TraceEvent } from './traceFigures';

const TOKENS = 20_000;
const TOKENS_PER_SECOND = 200;
const DELTA_MS = 33;
const WINDOW_TOKENS = 1000;
const FIRST_SCREEN_RUNS = 5;

interface StreamTimes {
  /** performance.now() at each delta's post. */
  readonly posted: number[];
  readonly start: number;
  readonly end: number;
}

/** Streams `deltas` from inside the page on the host's cadence; returns when the final turn is drawn. */
async function streamInPage(h: ChatHarness, session: ChatSession, turnId: string, deltas: string[], text: string, mark: string): Promise<StreamTimes> {
  const streaming = assistantTurn(turnId, '', { status: 'streaming', stats: undefined });
  const done = assistantTurn(turnId, text, { stats: { promptTokens: 900, evalTokens: TOKENS, tokensPerSecond: TOKENS_PER_SECOND, totalMs: (TOKENS / TOKENS_PER_SECOND) * 1000 } });
  return h.page.evaluate(
    async ({ session, streaming, done, deltas, intervalMs, mark, conversationId }) => {
      const post = (m: unknown): void => window.postMessage(m, '*');
      const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
      post({ type: 'chatSession', session: { ...session, streaming: true } });
      post({ type: 'chatTurn', conversationId, turn: streaming });
      performance.mark(`${mark}-start`);
      const start = performance.now();
      const posted: number[] = [];
      for (let k = 0; k < deltas.length; k++) {
        const due = start + (k + 1) * intervalMs;
        await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
        posted.push(performance.now());
        post({ type: 'chatDelta', conversationId, turnId: streaming.id, text: deltas[k], thinking: '' });
      }
      await new Promise((r) => setTimeout(r, intervalMs));
      post({ type: 'chatTurn', conversationId, turn: done });
      post({ type: 'chatSession', session: { ...session, streaming: false } });
      await frame();
      await frame();
      performance.mark(`${mark}-end`);
      return { posted, start, end: performance.now() };
    },
    { session, streaming, done, deltas, intervalMs: DELTA_MS, mark, conversationId: CONVERSATION_ID },
  );
}

async function streamingFigures(): Promise<{ linear: number; longestMs: number; renderPct: number }> {
  const browser = await launchChromium();
  try {
    const h = await openChatHarness(browser);
    const session = chatSession({ context: [] });
    await h.post({ type: 'chatSession', session });
    // Warm-up: JIT and first-use costs (highlight.js grammars, fonts) must not
    // make the first 1,000 tokens look expensive and the ratio look good.
    const warm = tokenize(longAnswer(7, 1500));
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('w0', 'Warm up.')] });
    await streamInPage(h, session, 'w1', streamPlan(warm, 1000, DELTA_MS).deltas, warm.join(''), 'warm');

    const text = longAnswer(42, TOKENS);
    const tokens = tokenize(text);
    const plan = streamPlan(tokens, TOKENS_PER_SECOND, DELTA_MS);
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('q1', 'Walk me through the refactoring, with the code.')] });
    const fenceCount = (text.match(/^```\w/gm) ?? []).length;
    console.log(`streaming ${tokens.length.toLocaleString('en-US')} tokens (${(text.length / 1024).toFixed(0)} KiB, ${fenceCount} code blocks) at ${TOKENS_PER_SECOND} tokens/s in ${plan.deltas.length} deltas…`);

    await browser.startTracing(h.page, { categories: ['toplevel', 'blink.user_timing', 'devtools.timeline', 'v8'] });
    const times = await streamInPage(h, session, 'a1', plan.deltas, text, 'bench');
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    const thread = mainThread(trace.traceEvents, 'bench-start');
    const anchor = thread.marks.get('bench-start') as number;
    const at = (ms: number): number => anchor + (ms - times.start) * 1000;
    const windowOf = (firstToken: number): [number, number] => {
      const from = plan.deltaOfToken(firstToken);
      const to = plan.deltaOfToken(firstToken + WINDOW_TOKENS);
      // From the delta carrying the first token to the frame after the delta carrying the last.
      return [at(times.posted[from] as number), at((times.posted[to] as number) + DELTA_MS)];
    };
    const [f0, f1] = windowOf(0);
    const [l0, l1] = windowOf(tokens.length - WINDOW_TOKENS - 1);
    const first = busyWithin(thread, f0, f1) / 1000;
    const last = busyWithin(thread, l0, l1) / 1000;
    const from = at(times.start);
    const to = at(times.end);
    const busy = busyWithin(thread, from, to) / 1000;
    const wall = (to - from) / 1000;
    const longest = longestWithin(thread, from, to) / 1000;
    const phases = phasesWithin(thread, from, to);
    if (process.env.BENCH_DETAIL) printDetail(thread, from, to, [['first', f0, f1], ['last', l0, l1]]);
    const lastTurnRendered = await h.page.evaluate(() => document.querySelectorAll('article[data-turn-id="a1"] .code-block').length);
    console.log(`  wall time            ${(wall / 1000).toFixed(1)} s`);
    console.log(`  main-thread busy     ${busy.toFixed(0)} ms (${((100 * busy) / wall).toFixed(2)} % of wall time)`);
    console.log(`    of which style+layout ${(phases.layout / 1000).toFixed(0)} ms, paint ${(phases.paint / 1000).toFixed(0)} ms, GC ${(phases.gc / 1000).toFixed(0)} ms`);
    console.log(`  longest task         ${longest.toFixed(1)} ms`);
    console.log(`  first 1,000 tokens   ${first.toFixed(1)} ms busy`);
    console.log(`  last 1,000 tokens    ${last.toFixed(1)} ms busy (ratio ${(last / first).toFixed(2)})`);
    console.log(`  code blocks drawn    ${lastTurnRendered} of ${fenceCount}`);
    await h.close();
    return { linear: last / first, longestMs: longest, renderPct: (100 * busy) / wall };
  } finally {
    await browser.close();
  }
}

/** BENCH_DETAIL=1: the longest tasks and what ran in them, and each window's phases (to find a regression). */
function printDetail(thread: ReturnType<typeof mainThread>, from: number, to: number, windows: [string, number, number][]): void {
  const top = [...thread.tasks].filter(([a]) => a >= from && a <= to).sort((x, y) => y[1] - y[0] - (x[1] - x[0]));
  for (const [a, b] of top.slice(0, 8)) {
    const inner = thread.events.filter((e) => e.ph === 'X' && e.ts >= a && e.ts + (e.dur ?? 0) <= b && (e.dur ?? 0) > 2000 && !e.name.includes('RunTask'));
    console.log(`    task at ${((a - from) / 1e6).toFixed(2)} s: ${((b - a) / 1000).toFixed(1)} ms ${inner.map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)}`).join(', ')}`);
  }
  for (const [label, a, b] of windows) {
    const sums = new Map<string, number>();
    for (const e of thread.events) if (e.ph === 'X' && e.ts >= a && e.ts <= b) sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0));
    const shown = ['HandlePostMessage', 'FireAnimationFrame', 'TimerFire', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MinorGC', 'MajorGC'];
    console.log(`    ${label} 1,000 tokens: ${shown.map((n) => `${n} ${((sums.get(n) ?? 0) / 1000).toFixed(0)}`).join(', ')} (ms)`);
  }
}

function conversation(messages: number): ChatTurn[] {
  const rng = new Prng(500);
  const turns: ChatTurn[] = [];
  for (let i = 0; i < messages; i++) turns.push(i % 2 === 0 ? userTurn(`m${i}`, question(rng)) : assistantTurn(`m${i}`, shortAnswer(rng)));
  return turns;
}

async function firstScreenFigures(): Promise<number[]> {
  const browser = await launchChromium();
  const turns = conversation(500);
  const results: number[] = [];
  try {
    for (let run = 0; run < FIRST_SCREEN_RUNS; run++) {
      const h = await openChatHarness(browser);
      await h.post({ type: 'chatSession', session: chatSession({ context: [] }) });
      const ms = await h.page.evaluate(
        ({ turns, conversationId }) =>
          new Promise<number>((resolve) => {
            const lastId = turns[turns.length - 1]?.id ?? '';
            const start = performance.now();
            window.postMessage({ type: 'chatTurns', conversationId, turns }, '*');
            const check = (): void => {
              const last = document.querySelector(`article[data-turn-id="${lastId}"]`);
              const scroller = document.querySelector('.chat-scroll');
              const shown = last && scroller && last.getBoundingClientRect().bottom <= scroller.getBoundingClientRect().bottom + 1 && last.getBoundingClientRect().bottom > scroller.getBoundingClientRect().top;
              if (!shown) {
                requestAnimationFrame(check);
                return;
              }
              // This frame paints it; a message posted now runs once the frame is done.
              const channel = new MessageChannel();
              channel.port1.onmessage = () => resolve(performance.now() - start);
              channel.port2.postMessage(0);
            };
            requestAnimationFrame(check);
          }),
        { turns, conversationId: CONVERSATION_ID },
      );
      const all = await h.page.waitForFunction((n) => document.querySelectorAll('article.turn').length === n, turns.length, { timeout: 60_000 }).then(
        () => true,
        () => false,
      );
      results.push(ms);
      console.log(`  500 messages: first screen in ${ms.toFixed(0)} ms${all ? ', all 500 drawn in idle time after' : ' (NOT all drawn)'}`);
      await h.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'pathological') {
    const figures = await pathologicalFigures();
    console.log(JSON.stringify(pathologicalJson(figures)));
    return;
  }
  const streaming = process.env.BENCH_ONLY === 'screen' ? undefined : await streamingFigures();
  console.log('conversation of 500 messages…');
  const screens = await firstScreenFigures();
  const worst = Math.max(...screens);
  const sorted = [...screens].sort((a, b) => a - b);
  console.log(`  first screen: median ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(0)} ms, worst ${worst.toFixed(0)} ms of ${screens.length} runs`);
  if (streaming === undefined) return;
  console.log('pathological replies (issue #11), each in a fresh page…');
  const pathological = await pathologicalFigures();
  const worstPathological = pathologicalJson(pathological);
  console.log(
    `  worst: longest task ${worstPathological.pathological_longest_task_ms} ms (CPU ${worstPathological.pathological_longest_task_cpu_ms} ms); ` +
      `again ${worstPathological.pathological_longest_task_again_ms} ms (CPU ${worstPathological.pathological_longest_task_again_cpu_ms} ms)`,
  );
  const targets = [
    ['linear_ratio ≤ 1.5', streaming.linear <= 1.5],
    ['longest_task_ms ≤ 50', streaming.longestMs <= 50],
    ['render_cpu_pct ≤ 15', streaming.renderPct <= 15],
    ['first_screen_500_ms ≤ 200', worst <= 200],
    ['pathological_longest_task_ms ≤ 50', worstPathological.pathological_longest_task_ms <= 50],
  ] as const;
  console.log(`targets: ${targets.map(([name, ok]) => `${name} ${ok ? 'met' : 'MISSED'}`).join('; ')}`);
  console.log(
    JSON.stringify({
      linear_ratio: Number(streaming.linear.toFixed(3)),
      longest_task_ms: Number(streaming.longestMs.toFixed(1)),
      render_cpu_pct: Number(streaming.renderPct.toFixed(2)),
      first_screen_500_ms: Number(worst.toFixed(1)),
      ...worstPathological,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

// Driving the chat pane with big or hostile replies the way the host does,
// and watching what the page does meanwhile.
import type { ChatTurn } from '../../src/shared/protocol';
import { assistantTurn, chatSession, CONVERSATION_ID } from './chatFixtures';
import type { ChatHarness } from './harness/chatHarness';

/** A reply is being drawn, or a code block filled in or coloured. */
export const RENDERING = '.markdown[aria-busy], code.pending';

/** Waits until every reply is drawn and every code block is filled in and coloured. */
export async function renderingDone(h: ChatHarness, timeout = 180_000): Promise<void> {
  await h.page.waitForFunction((busy) => document.querySelector(busy) === null, RENDERING, { timeout, polling: 100 });
}

/** What the host sends when the view (re)loads: the session, then every turn. */
export async function showConversation(h: ChatHarness, turns: readonly ChatTurn[], streaming = false): Promise<void> {
  await h.post({ type: 'chatSession', session: chatSession({ context: [], streaming }) });
  await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns });
}

/** The page reloads (the user reopens the view): the host sends everything again. */
export async function reloadView(h: ChatHarness, turns: readonly ChatTurn[]): Promise<void> {
  await h.page.reload();
  await h.page.waitForFunction(() => (window as unknown as { __hearthPosted?: { type: string }[] }).__hearthPosted?.some((m) => m.type === 'ready'));
  await showConversation(h, turns);
}

/**
 * Streams `deltas` into a streaming turn from inside the page, one per 33 ms
 * as the host batches them, then the finished turn; resolves once it is posted.
 */
export function streamDeltas(h: ChatHarness, turnId: string, deltas: readonly string[]): Promise<void> {
  const done = assistantTurn(turnId, deltas.join(''));
  return h.page.evaluate(
    async ({ deltas, done, conversationId }) => {
      for (const text of deltas) {
        window.postMessage({ type: 'chatDelta', conversationId, turnId: done.id, text, thinking: '' }, '*');
        await new Promise((r) => setTimeout(r, 33));
      }
      window.postMessage({ type: 'chatTurn', conversationId, turn: done }, '*');
    },
    { deltas, done, conversationId: CONVERSATION_ID },
  );
}

/** Records, for each input event on the chat input, whether the page was still rendering. */
export async function watchInput(h: ChatHarness): Promise<void> {
  await h.page.evaluate((busy) => {
    const w = window as unknown as { __busyAtInput: boolean[] };
    w.__busyAtInput = [];
    document.querySelector('[data-testid="chat-input"]')?.addEventListener('input', () => w.__busyAtInput.push(document.querySelector(busy) !== null));
  }, RENDERING);
}

/** The keystrokes typed so far: whether rendering was going on when each was handled. */
export function inputEvents(h: ChatHarness): Promise<boolean[]> {
  return h.page.evaluate(() => (window as unknown as { __busyAtInput: boolean[] }).__busyAtInput.slice());
}

/**
 * Types into the chat input while a reply renders. Each keystroke is an input
 * event the page must handle: when rendering runs in short slices the events
 * are handled between them (while rendering goes on); one long task would
 * make them wait until it ended.
 */
export async function typeDuringRendering(h: ChatHarness, text: string): Promise<{ value: string; handledWhileRendering: number }> {
  await h.page.getByTestId('chat-input').focus();
  await h.page.keyboard.type(text);
  const events = await inputEvents(h);
  return { value: await h.page.getByTestId('chat-input').inputValue(), handledWhileRendering: events.filter(Boolean).length };
}

/** Long tasks (over 50 ms) the page reports from now on; read with longTasks(). Logged, never asserted: it is wall-clock time on a shared machine. */
export async function observeLongTasks(h: ChatHarness): Promise<void> {
  await h.page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
  });
}

export function longTasks(h: ChatHarness): Promise<number[]> {
  return h.page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());
}

/** The text a turn shows, hidden-character markers read as the characters they stand for. */
export function shownText(h: ChatHarness, turnId: string): Promise<string> {
  return h.page.evaluate((id) => {
    const article = document.querySelector(`article[data-turn-id="${id}"] .markdown`);
    if (!article) return '';
    const copy = article.cloneNode(true) as HTMLElement;
    for (const marker of copy.querySelectorAll('.hidden-char')) marker.replaceWith(String.fromCodePoint(Number.parseInt((marker.textContent ?? '').replace('U+', ''), 16)));
    return copy.textContent ?? '';
  }, turnId);
}

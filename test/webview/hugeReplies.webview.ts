// Issue #11, item 3, in the real bundle: replies of a megabyte. The page keeps
// answering input while they render (keystrokes typed meanwhile are handled
// between rendering steps, not after them), and all of the text shows.
// Long tasks are logged for the record, never asserted (wall-clock time on a
// shared machine); `npm run bench:chat` measures them.
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assistantTurn, CONVERSATION_ID, userTurn } from './chatFixtures';
import { launchChromium, openChatHarness, type ChatHarness } from './harness/chatHarness';
import { bigDeltas, LATE_LINKS, lateLinkReply, megabyteAnswer, ONE_LINE_LANGUAGES, oneLineFence, unclosedComment } from './hostileReplies';
import { longTasks, observeLongTasks, renderingDone, shownText, showConversation, streamDeltas, typeDuringRendering, watchInput } from './replyDriving';

const TYPED = 'typing while it renders';

/** Code as the page shows it (each unit's text, in order), compared with `code` inside the page. */
function showsCode(h: ChatHarness, turnId: string, code: string): Promise<boolean> {
  return h.page.evaluate(({ turnId, code }) => document.querySelector(`article[data-turn-id="${turnId}"] .code-block code`)?.textContent === code, { turnId, code });
}

async function assertAnswered(h: ChatHarness, what: string): Promise<void> {
  const typed = await typeDuringRendering(h, TYPED);
  assert.equal(typed.value, TYPED, `${what}: every keystroke reached the input`);
  assert.ok(typed.handledWhileRendering > 0, `${what}: keystrokes were handled while the reply was still rendering (${typed.handledWhileRendering} of ${TYPED.length})`);
}

describe('huge replies (webview)', function () {
  this.timeout(300_000);
  let browser: Browser;
  let h: ChatHarness;

  before(async () => {
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    h = await openChatHarness(browser);
    await showConversation(h, [userTurn('q0', 'Warm up'), assistantTurn('w', 'Ready.\n\n```ts\nconst ok = true;\n```')]);
    await renderingDone(h);
    await watchInput(h);
    await observeLongTasks(h);
  });

  afterEach(async function () {
    if (h) console.log(`      long tasks (ms, for the record): ${JSON.stringify(await longTasks(h).catch(() => []))}`);
    await h?.close();
  });

  for (const language of ONE_LINE_LANGUAGES) {
    it(`a one-line megabyte of ${language}: shown whole, coloured where it begins with a note where colouring stops, input answered meanwhile`, async () => {
      const { reply, code } = oneLineFence(language);
      await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('q1', 'Generate it'), assistantTurn('a1', reply)] });
      await assertAnswered(h, language);
      await renderingDone(h);
      assert.ok(await showsCode(h, 'a1', code), 'the code block shows the whole line');
      // Rows sit in groups, so a change lays out about √rows boxes, never all of them.
      const shape = await h.page.evaluate(() => {
        const shown = document.querySelector('article[data-turn-id="a1"] .code-block code') as HTMLElement;
        return { top: shown.children.length, rows: shown.querySelectorAll('.code-unit').length, widest: Math.max(...[...shown.children].map((g) => g.children.length)) };
      });
      assert.ok(shape.rows > 500 && shape.top ** 2 <= 4 * shape.rows && shape.widest ** 2 <= 4 * shape.rows, `laid out as ${JSON.stringify(shape)}`);
      const block = h.page.locator('article[data-turn-id="a1"] .code-block');
      assert.ok((await block.locator('.code-unit').first().locator('[class^="hljs-"]').count()) > 3, 'its start is coloured');
      assert.match(await block.locator('.code-note').innerText(), /highlighting off for the rest of this block/);
      assert.match(await shownText(h, 'a1'), /That was long\./);
      await block.getByRole('button', { name: 'Copy' }).click();
      const copied = (await h.posted()).filter((m) => m.type === 'chatCodeAction').pop();
      assert.ok(copied?.type === 'chatCodeAction' && copied.code === code, 'Copy carries the whole line');
      assert.deepEqual(h.pageErrors, []);
    });
  }

  it('colours a megabyte line on screen a step per slice (each costs the page a layout there), and off screen as fast as time allows', async () => {
    // Every task's coloured text (nodes put in a unit, not its plain rest), split by whether
    // that unit was in view: the page counts it, the benchmark measures what it costs.
    await h.page.evaluate(() => {
      const slices: { on: number; off: number }[] = [];
      (window as unknown as { __slices: typeof slices }).__slices = slices;
      new MutationObserver((records) => {
        const slice = { on: 0, off: 0 };
        for (const record of records) {
          const unit = record.target as Element;
          if (!unit.classList?.contains('code-unit')) continue;
          const chars = [...record.addedNodes].reduce((n, node) => n + ((node as Element).classList?.contains('code-rest') ? 0 : (node.textContent ?? '').length), 0);
          const box = unit.getBoundingClientRect();
          if (box.bottom > 0 && box.top < innerHeight) slice.on += chars;
          else slice.off += chars;
        }
        if (slice.on + slice.off > 0) slices.push(slice);
      }).observe(document.body, { childList: true, subtree: true });
    });
    const { reply } = oneLineFence('typescript');
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('q1', 'Generate it'), assistantTurn('a1', reply)] });
    await renderingDone(h);
    const slices = await h.page.evaluate(() => (window as unknown as { __slices: { on: number; off: number }[] }).__slices);
    const coloured = slices.filter((s) => s.on + s.off < 8_192);
    const on = coloured.filter((s) => s.on > 0);
    assert.ok(on.length >= 3, `several slices coloured what is on screen (${on.length})`);
    // One highlighting step per slice on screen: a 512-character piece, or two where the first ended inside
    // something highlighting cannot resume from (one row of the line either way).
    assert.ok(on.every((s) => s.on <= 1024), `never more than one row on screen per slice: ${JSON.stringify(on.map((s) => s.on))}`);
    const offMost = Math.max(...coloured.map((s) => s.off));
    assert.ok(offMost > 512, `off screen a slice colours more than one piece (at most ${offMost} characters)`);
    assert.ok(coloured.reduce((n, s) => n + s.on + s.off, 0) >= 200_000, 'and it goes on to the colouring limit');
  });

  it('an unclosed comment and ten thousand lines: all of it coloured as comment, resumed unit after unit', async () => {
    const { reply, code } = unclosedComment();
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('q1', 'Comment it out'), assistantTurn('a1', reply)] });
    await assertAnswered(h, 'unclosed comment');
    await renderingDone(h);
    assert.ok(await showsCode(h, 'a1', code));
    const outside = await h.page.evaluate(() => {
      const copy = document.querySelector('article[data-turn-id="a1"] .code-block code')?.cloneNode(true) as HTMLElement;
      for (const comment of copy.querySelectorAll('.hljs-comment')) comment.remove();
      return copy.textContent ?? '';
    });
    assert.equal(outside, '', 'no character is left out of the comment');
    assert.equal(await h.page.locator('article[data-turn-id="a1"] .code-note').count(), 0, 'colouring never had to stop');
  });

  it('a megabyte streamed in 8–16 KB deltas: shown exactly as the same text arriving whole, input answered while it streams', async () => {
    const text = megabyteAnswer();
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('q1', 'Everything, please'), assistantTurn('s1', '', { status: 'streaming', stats: undefined })] });
    const streaming = streamDeltas(h, 's1', bigDeltas(text));
    await assertAnswered(h, 'streamed megabyte');
    await streaming;
    await renderingDone(h);
    await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn('w1', text) });
    await renderingDone(h);
    const [streamed, whole] = [await shownText(h, 's1'), await shownText(h, 'w1')];
    assert.ok(streamed.length > 900_000, `${streamed.length} characters shown`);
    assert.ok(streamed === whole, 'streamed and whole show the same text');
    const counts = await h.page.evaluate(() => ['s1', 'w1'].map((id) => document.querySelectorAll(`article[data-turn-id="${id}"] .code-block`).length));
    assert.equal(counts[0], counts[1]);
    assert.ok((counts[0] ?? 0) > 50, `${counts[0]} code blocks`);
  });

  it('a megabyte reply holds the page’s heap to a few times its size, streamed or whole, and gives it back when replaced', async () => {
    // Heap size, not time: the same on a loaded machine. Blocks once kept
    // slices of each update's copy of the reply: 147 MB for this one.
    const cdp = await h.page.context().newCDPSession(h.page);
    const heapMb = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return usedSize / 1e6;
    };
    const text = megabyteAnswer();
    const before = await heapMb();
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('q1', 'Everything, please'), assistantTurn('s1', '', { status: 'streaming', stats: undefined })] });
    await streamDeltas(h, 's1', bigDeltas(text));
    await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn('s1', text) });
    await renderingDone(h);
    const streamed = (await heapMb()) - before;
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('q2', 'Again'), assistantTurn('w1', text)] });
    await renderingDone(h);
    const whole = (await heapMb()) - before;
    console.log(`      heap: +${streamed.toFixed(1)} MB streamed, +${whole.toFixed(1)} MB whole (the first replaced)`);
    assert.ok(streamed < 30, `a streamed megabyte keeps ${streamed.toFixed(1)} MB of heap`);
    assert.ok(whole < 30, `after the streamed one was replaced, a whole megabyte keeps ${whole.toFixed(1)} MB`);
  });

  it(`${LATE_LINKS} link definitions arriving last: only the paragraphs naming them are drawn again, and all their links work`, async () => {
    const text = lateLinkReply();
    const definitionsAt = text.indexOf('[source 0]:');
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('q1', 'Cite sources'), assistantTurn('s1', '', { status: 'streaming', stats: undefined })] });
    const post = async (part: string): Promise<void> => {
      for (let i = 0; i < part.length; i += 1500) await h.post({ type: 'chatDelta', conversationId: CONVERSATION_ID, turnId: 's1', text: part.slice(i, i + 1500), thinking: '' });
    };
    await post(text.slice(0, definitionsAt));
    await renderingDone(h);
    await h.page.evaluate(() => document.querySelectorAll('article[data-turn-id="s1"] .md-block').forEach((b) => ((b as HTMLElement & { __before?: boolean }).__before = true)));
    await post(text.slice(definitionsAt));
    await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn('s1', text) });
    await renderingDone(h);
    const blocks = await h.page.evaluate(() =>
      [...document.querySelectorAll('article[data-turn-id="s1"] .md-block')].map((b) => ({ text: (b.textContent ?? '').slice(0, 12), kept: (b as HTMLElement & { __before?: boolean }).__before === true, links: b.querySelectorAll('.md-link').length })),
    );
    const cited = blocks.filter((b) => b.text.startsWith('Paragraph'));
    const notes = blocks.filter((b) => b.text.startsWith('Note'));
    assert.equal(cited.length, LATE_LINKS);
    assert.ok(cited.every((b) => !b.kept && b.links === 2), 'each paragraph naming a definition was drawn again, with both links');
    assert.equal(notes.length, 100);
    assert.ok(notes.every((b) => b.kept && b.links === 0), 'paragraphs with brackets naming nothing were left alone');
  });
});

// Issue #11, item 1, in the real bundle: a reply nested ten thousand levels
// deep (of every construct marked recurses on) shows its text with a note,
// the turns around it stay, a later turn appears, and after a reload of the
// view the whole conversation is back. Nothing vanishes.
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ChatTurn } from '../../src/shared/protocol';
import { assistantTurn, CONVERSATION_ID, userTurn } from './chatFixtures';
import { launchChromium, openChatHarness, type ChatHarness } from './harness/chatHarness';
import { DEEP_NESTING, deepReply } from './hostileReplies';
import { reloadView, renderingDone, shownText, showConversation, streamDeltas } from './replyDriving';

function conversation(kind: string): ChatTurn[] {
  return [
    userTurn('q1', 'First question'),
    assistantTurn('a1', 'A **normal** answer with `code`.'),
    userTurn('q2', `Show me ${kind}`),
    assistantTurn('a2', deepReply(kind)),
    userTurn('q3', 'And then?'),
    assistantTurn('a3', 'Another *normal* answer.'),
  ];
}

/** The turns on screen, once `count` are (older ones are drawn in idle time after the last screenful). */
async function articleIds(h: ChatHarness, count: number): Promise<string[]> {
  await h.page.waitForFunction((n) => document.querySelectorAll('article').length >= n, count);
  await renderingDone(h);
  return h.page.evaluate(() => [...document.querySelectorAll('article')].map((a) => a.getAttribute('data-turn-id') ?? ''));
}

/** Every word of the deep reply is on screen (its markers shown as text), with the note saying why it is plain. */
async function assertDeepReplyShown(h: ChatHarness, turnId: string, kind: string): Promise<void> {
  const text = await shownText(h, turnId);
  assert.match(text, /Before the deep part\.[\s\S]*deepest[\s\S]*After the deep part\./, `${kind}: the reply's text is shown`);
  const source = DEEP_NESTING[kind] ?? '';
  if (kind === 'indented lists') {
    // Each line is an item: every one of them is there, in order, at whatever depth.
    const levels = [...text.matchAll(/level (\d+)/g)].map((m) => Number(m[1]));
    assert.deepEqual(levels, Array.from({ length: levels.length }, (_, i) => i));
    assert.equal(levels.length, source.split('\n').length - 2);
  } else {
    const shownMarks = text.replace(/[^>*[\]\-1.]/g, '').length;
    const sourceMarks = source.replace(/[^>*[\]\-1.]/g, '').length;
    // Ten thousand levels of markers are text now; a handful of levels may still be structure.
    assert.ok(shownMarks >= sourceMarks * 0.95, `${kind}: ${shownMarks} of ${sourceMarks} marker characters shown`);
  }
  // Its text, as shownText reads the reply's: innerText depends on layout, which the page skips for
  // blocks off screen (content-visibility), and after a reload the note's block may be one of them.
  const notes = await h.page.locator(`article[data-turn-id="${turnId}"] .md-note`).allTextContents();
  assert.ok(notes.some((n) => /Nested too deeply/.test(n)), `${kind}: a note says why`);
}

describe('hostile nesting (webview)', function () {
  this.timeout(240_000);
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
  });

  afterEach(async () => {
    await h?.close();
  });

  for (const kind of Object.keys(DEEP_NESTING)) {
    it(`${kind}, ${kind === 'indented lists' ? '1,000 levels (a megabyte of indentation)' : '10k levels'}: shown as text with a note; the other turns, a later turn and a reload keep everything`, async () => {
      const turns = conversation(kind);
      await showConversation(h, turns);
      await renderingDone(h);
      assert.deepEqual(await articleIds(h, 6), ['q1', 'a1', 'q2', 'a2', 'q3', 'a3']);
      await assertDeepReplyShown(h, 'a2', kind);
      assert.match(await shownText(h, 'a3'), /Another normal answer\./);

      // A later turn appears.
      await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: userTurn('q4', 'Still there?') });
      await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn('a4', 'Yes, **still** here.') });
      await renderingDone(h);
      assert.deepEqual((await articleIds(h, 8)).slice(-2), ['q4', 'a4']);
      assert.match(await shownText(h, 'a4'), /Yes, still here\./);

      // The view reloads: the host sends the conversation again, and all of it shows.
      const all = [...turns, userTurn('q4', 'Still there?'), assistantTurn('a4', 'Yes, **still** here.')];
      await reloadView(h, all);
      await renderingDone(h);
      assert.deepEqual(await articleIds(h, all.length), all.map((t) => t.id));
      await assertDeepReplyShown(h, 'a2', kind);
      assert.deepEqual(h.pageErrors, []);
    });
  }

  it('streams a deep reply in pieces to the same text and note, and the next answer still streams', async () => {
    await showConversation(h, [userTurn('q1', 'Deep, please')], true);
    const reply = deepReply('quotes') + deepReply('star lists');
    await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn('s1', '', { status: 'streaming', stats: undefined }) });
    const deltas = Array.from({ length: Math.ceil(reply.length / 700) }, (_, i) => reply.slice(i * 700, (i + 1) * 700));
    await streamDeltas(h, 's1', deltas);
    await renderingDone(h);
    const text = await shownText(h, 's1');
    assert.equal((text.match(/deepest/g) ?? []).length, 2);
    assert.equal((text.match(/After the deep part/g) ?? []).length, 2);
    await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn('s2', '', { status: 'streaming', stats: undefined }) });
    await streamDeltas(h, 's2', ['Next ', 'answer ', 'is **fine**.']);
    await renderingDone(h);
    assert.match(await shownText(h, 's2'), /Next answer is fine\./);
    assert.deepEqual(h.pageErrors, []);
  });
});

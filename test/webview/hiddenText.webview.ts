// Issue #11, item 2, in the real bundle: text that shows one thing and means
// another. A link whose label is another URL shows its real address on hover;
// a bidi override reverses nothing; Trojan Source in code shows its hidden
// characters as markers, while Copy/Insert/Apply carry the code as written
// (the host warns first).
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { WebviewToHost } from '../../src/shared/protocol';
import { assistantTurn, CONVERSATION_ID, userTurn } from './chatFixtures';
import { launchChromium, openChatHarness, type ChatHarness } from './harness/chatHarness';
import { BIDI, bidiReply } from './hostileReplies';
import { renderingDone, showConversation } from './replyDriving';

/**
 * Whether the text under `selector` (its first line only, for code) shows its
 * characters and markers in the order they are written: each one on a later
 * line than the one before, or on the same line further right.
 */
function readsInOrder(h: ChatHarness, selector: string, firstLineOnly: boolean): Promise<boolean> {
  return h.page.evaluate(
    ({ selector, firstLineOnly }) => {
      const root = document.querySelector(selector) as Element;
      const boxes: DOMRect[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      outer: for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const marker = node.parentElement?.closest('.hidden-char');
        if (marker) {
          boxes.push(marker.getBoundingClientRect());
          continue;
        }
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          if (text[i] === '\n' && firstLineOnly) break outer;
          if (/\s/.test(text[i] ?? '')) continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          boxes.push(range.getBoundingClientRect());
        }
      }
      return boxes.length > 20 && boxes.every((box, i) => i === 0 || box.top > (boxes[i - 1] as DOMRect).bottom - 2 || box.left >= (boxes[i - 1] as DOMRect).left);
    },
    { selector, firstLineOnly },
  );
}

function rawHiddenInText(h: ChatHarness, selector: string): Promise<string[]> {
  return h.page.evaluate((selector) => {
    const found: string[] = [];
    for (const root of document.querySelectorAll(selector)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) for (const ch of (node.textContent ?? '').match(/[\u202A-\u202E\u2066-\u2069\u200B]/g) ?? []) found.push(ch);
    }
    return found;
  }, selector);
}

describe('text that shows one thing and means another (webview)', function () {
  this.timeout(120_000);
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
    await showConversation(h, [userTurn('q', 'Links and code, please'), assistantTurn('a', bidiReply())]);
    await renderingDone(h);
  });

  afterEach(async () => {
    await h?.close();
  });

  it('shows a link’s real address on hover, whatever its label or the model’s title say, and asks the host for that address', async () => {
    const link = h.page.locator('article[data-turn-id="a"] .md-link').first();
    assert.equal(await link.innerText(), 'https://good.example');
    assert.equal(await link.getAttribute('title'), 'https://evil.example/steal');
    await link.click();
    const posted = (await h.posted()).filter((m): m is Extract<WebviewToHost, { type: 'chatOpenLink' }> => m.type === 'chatOpenLink');
    assert.deepEqual(posted, [{ type: 'chatOpenLink', href: 'https://evil.example/steal' }]);
    const other = h.page.locator('article[data-turn-id="a"] .md-link').nth(1);
    assert.equal(await other.getAttribute('title'), 'https://evil.example/other');
  });

  it('shows bidi controls in prose as markers, so the rest of the paragraph reads in order', async () => {
    const prose = 'article[data-turn-id="a"] .markdown p';
    assert.deepEqual(await rawHiddenInText(h, prose), [], 'no bidi control left in the text');
    const markers = await h.page.locator(`${prose} .hidden-char`).evaluateAll((els) => els.map((e) => e.getAttribute('title')));
    assert.deepEqual(markers, ['U+202E RIGHT-TO-LEFT OVERRIDE', 'U+202E RIGHT-TO-LEFT OVERRIDE', 'U+200B ZERO WIDTH SPACE'], 'in the paragraph, in the link label, in the code span');
    assert.ok(await readsInOrder(h, 'article[data-turn-id="a"] .markdown > .md-block:nth-child(2) p', false), 'the paragraph after the override reads in order');
    const isolation = await h.page.evaluate(() =>
      ['.md-link', 'p code', 'p > :is(em, strong, span)'].map((s) => getComputedStyle(document.querySelector(`article[data-turn-id="a"] ${s}`) ?? document.body).unicodeBidi),
    );
    assert.deepEqual(isolation.slice(0, 2), ['isolate', 'isolate'], 'links and code spans are bidi isolates');
  });

  it('marks every invisible and bidi control character in code, named in its tooltip, and reads the line in order', async () => {
    const code = 'article[data-turn-id="a"] .code-block code';
    assert.deepEqual(await rawHiddenInText(h, code), []);
    const titles = await h.page.locator(`${code} .hidden-char`).evaluateAll((els) => els.map((e) => e.getAttribute('title')));
    assert.deepEqual(titles, ['U+202E RIGHT-TO-LEFT OVERRIDE', 'U+2066 LEFT-TO-RIGHT ISOLATE', 'U+2069 POP DIRECTIONAL ISOLATE', 'U+2066 LEFT-TO-RIGHT ISOLATE', 'U+200B ZERO WIDTH SPACE']);
    assert.deepEqual(await h.page.locator(`${code} .hidden-char`).allInnerTexts(), ['U+202E', 'U+2066', 'U+2069', 'U+2066', 'U+200B']);
    assert.ok(await readsInOrder(h, code, true), 'the line reads in the order it is written: the "comment" inside the string, where the compiler sees it');
    assert.deepEqual(await rawHiddenInText(h, 'article[data-turn-id="a"] p code'), [], 'inline code too');
    assert.equal(await h.page.locator('article[data-turn-id="a"] p code .hidden-char').getAttribute('title'), 'U+200B ZERO WIDTH SPACE');
  });

  it('Copy, Insert and Apply carry the code exactly as the model wrote it (the host decides and warns)', async () => {
    const frame = h.page.locator('article[data-turn-id="a"] .code-block').first();
    for (const label of ['Copy', 'Insert at cursor', 'Apply to the active file']) await frame.getByRole('button', { name: label }).click();
    const actions = (await h.posted()).filter((m) => m.type === 'chatCodeAction');
    assert.equal(actions.length, 3);
    for (const action of actions) assert.equal(action.type === 'chatCodeAction' ? action.code : '', `${BIDI.trojanLine}\n${BIDI.zeroWidth}`);
  });

  it('marks them while the code is still streaming, before its fence closes', async () => {
    await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn('s', '', { status: 'streaming', stats: undefined }) });
    const streamed = `\`\`\`js\n${BIDI.trojanLine}\n`;
    // Cut right after the override and inside the isolate's comment.
    for (const delta of [streamed.slice(0, 22), streamed.slice(22, 30), streamed.slice(30)]) {
      await h.post({ type: 'chatDelta', conversationId: CONVERSATION_ID, turnId: 's', text: delta, thinking: '' });
    }
    await h.page.waitForFunction(() => document.querySelectorAll('article[data-turn-id="s"] .code-open .hidden-char').length === 4);
    assert.deepEqual(await rawHiddenInText(h, 'article[data-turn-id="s"] code'), []);
  });
});

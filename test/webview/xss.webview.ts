// The XSS battery against the real bundle: hostile replies (whole and
// streamed), thinking, user text and titles, under the view's CSP and again
// with the CSP removed, so the sanitizer is tested on its own and not only
// the CSP behind it.
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ChatTurn } from '../../src/shared/protocol';
import { PANEL_STYLESHEETS } from '../../src/features/panel/panelDocument';
import { assistantTurn, chatSession, CONVERSATION_ID, userTurn } from './chatFixtures';
import { launchChromium, openChatHarness, type ChatHarness } from './harness/chatHarness';
import { startProbeServer, type ProbeServer } from './harness/harnessServer';
import { FORBIDDEN_TAGS, OWN_STYLED, URL_ATTRIBUTES, auditChatPane } from './chatPaneAudit';
import { pwn, xssPayloads } from './xssPayloads';

// The page's own files: its stylesheets, the bundle, the font, and the harness's theme and fake API.
const ASSETS = [...PANEL_STYLESHEETS.map((path) => `/${path.join('/')}`), '/harness/theme-dark.css', '/harness/fakeVscode.js', '/dist/webview.js', '/dist/codicons.woff2'];

describe('chat XSS battery (webview)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let probe: ProbeServer;

  before(async () => {
    browser = await launchChromium();
    probe = await startProbeServer();
  });

  after(async () => {
    await browser?.close();
    await probe?.close();
  });

  for (const csp of [true, false]) {
    describe(csp ? 'under the view CSP' : 'with the CSP removed: the sanitizer alone', () => {
      let h: ChatHarness;

      before(async () => {
        h = await openChatHarness(browser, { csp });
        const payloads = xssPayloads(probe.origin);
        const hostile = `<img src="${probe.origin}/title" onerror="${pwn('title')}">`;
        await h.post({
          type: 'chatSession',
          session: chatSession({
            title: hostile,
            conversations: [{ id: CONVERSATION_ID, title: hostile, updatedAt: 0, turns: 1 }],
            warnings: [`<script>${pwn('warning')}</script>`],
            context: [{ id: 'c1', kind: 'file', label: hostile, path: hostile, tokens: 1, truncated: false }],
            instructions: { status: 'ready', files: [hostile], tokens: 1 },
          }),
        });
        const turns: ChatTurn[] = [userTurn('u0', payloads.map((p) => p.markdown).join('\n\n'))];
        payloads.forEach((p, i) => turns.push(assistantTurn(`a${i}`, p.markdown, { thinking: p.markdown, model: 'qwen2.5-coder:7b' })));
        turns.push(assistantTurn('err', '', { status: 'error', error: { message: hostile, actions: [{ id: 'retryTurn', label: hostile }] } }));
        await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns });
        // The same payloads streamed in small deltas: the tail and open-fence paths.
        await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn('s', '', { status: 'streaming' }) });
        const all = payloads.map((p) => p.markdown).join('\n\n');
        for (let i = 0; i < all.length; i += 23) {
          await h.post({ type: 'chatDelta', conversationId: CONVERSATION_ID, turnId: 's', text: all.slice(i, i + 23), thinking: i % 2 === 0 ? '<img src=x onerror=alert(1)>' : '' });
          if (i % 230 === 0) await h.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(undefined))));
        }
        await h.page.waitForFunction(() => document.querySelectorAll('article.turn').length > 40);
        // Let frames, idle rendering, image errors and timers run.
        await h.page.waitForTimeout(1500);
      });

      after(async () => {
        await h?.close();
      });

      it('runs none of it', async () => {
        const pwned = await h.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
        assert.equal(pwned, undefined, `ran: ${JSON.stringify(pwned)}`);
      });

      it('loads nothing: the probe saw no request, and the page fetched only its own assets', () => {
        assert.deepEqual(probe.hits, []);
        const origin = h.server.origin;
        for (const url of h.requests) {
          assert.ok(url.startsWith(`${origin}/`), `request left the page: ${url}`);
          const path = url.slice(origin.length);
          assert.ok(path.startsWith('/?') || ASSETS.includes(path), `unexpected request ${url}`);
        }
      });

      it('leaves no forbidden element, handler, style or navigable URL in the chat', async () => {
        const found = await h.page.evaluate(auditChatPane, { tags: FORBIDDEN_TAGS, urlAttributes: URL_ATTRIBUTES, ownStyled: OWN_STYLED });
        assert.deepEqual(found, []);
      });

      it('shows raw HTML from the model as text', async () => {
        // textContent: off-screen blocks are not rendered (content-visibility), so innerText would skip them.
        const text = (await h.page.locator('article[data-turn-id="a0"] .markdown').textContent()) ?? '';
        assert.match(text, /<script>\(window\.__pwned/);
      });

      it('makes links inert: a click (or Enter) posts chatOpenLink; script and data links are not even links', async () => {
        const links = h.page.locator('#pane-chat .md-link');
        const count = await links.count();
        assert.ok(count >= 6, `only ${count} links`);
        const hrefs = await links.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.href ?? ''));
        // eslint-disable-next-line no-control-regex
        for (const href of hrefs) assert.doesNotMatch(href.replace(/[\s\u0000-\u001f]/g, ''), /^(javascript|data|vbscript):/i);
        assert.ok(hrefs.includes(`${probe.origin}/autolink`), 'an autolink is a link');
        assert.ok(hrefs.includes(`${probe.origin}/ref`), 'a reference link is a link');
        const url = h.page.url();
        await h.clearPosted();
        for (let i = 0; i < count; i++) await links.nth(i).click();
        await links.first().focus();
        await h.page.keyboard.press('Enter');
        const posted = (await h.posted()).filter((m) => m.type === 'chatOpenLink');
        assert.deepEqual(
          posted.map((m) => (m.type === 'chatOpenLink' ? m.href : '')),
          [...hrefs, hrefs[0]],
        );
        assert.equal(h.page.url(), url, 'the page navigated');
        assert.equal(h.page.context().pages().length, 1, 'a window opened');
        await h.page.waitForTimeout(300);
        assert.deepEqual(probe.hits, []);
      });

      it('never posts anything but the user’s own link clicks', async () => {
        const types = new Set((await h.posted()).map((m) => m.type));
        for (const type of types) assert.ok(type === 'chatOpenLink' || type === 'ready', `posted ${type}`);
      });
    });
  }
});

// The XSS battery end to end: hostile model replies and hostile AGENTS.md
// text (and a hostile directory name) reach the real chat in a real
// workbench. Nothing may run (a probe in the page would record it), nothing
// may be loaded (a probe server would see it), and links must be inert or go
// through the extension.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { wordTokens } from '../fakes/ollamaStandIn';
import { FORBIDDEN_TAGS, OWN_STYLED, URL_ATTRIBUTES, auditChatPane, pwnedRecord } from '../webview/chatPaneAudit';
import { startProbeServer, type ProbeServer } from '../webview/harness/harnessServer';
import { pwn, xssPayloads } from '../webview/xssPayloads';
import { repoRoot } from '../support/codeServer';
import { type HearthWorkbench, openHearthView, quickOpen, screenshot, showTab, useWorkbench } from './workbench';

// A directory name is repository text too; it is shown as the instruction file's path.
const HOSTILE_DIR = `pkg-<img src=x onerror=${pwn('dir')}>`;

describe('Chat XSS battery in a real workbench (e2e)', function () {
  this.timeout(120_000);
  const current = useWorkbench();
  let workbench: HearthWorkbench | undefined;
  let probe: ProbeServer;
  let page: Page;
  let view: FrameLocator;
  const requests: string[] = [];

  before(async function () {
    this.timeout(300_000);
    probe = await startProbeServer();
    workbench = current();
    page = workbench.page;
    page.on('request', (r) => requests.push(r.url()));
    const payloads = xssPayloads(probe.origin).map((p) => p.markdown);
    const root = workbench.server.workspaceDir;
    fs.writeFileSync(path.join(root, 'AGENTS.md'), `# Rules\n\n${payloads.slice(0, 20).join('\n\n')}\n`);
    fs.mkdirSync(path.join(root, HOSTILE_DIR), { recursive: true });
    fs.writeFileSync(path.join(root, HOSTILE_DIR, 'AGENTS.md'), `# Package\n\n${payloads.slice(20).join('\n\n')}\n`);
    fs.writeFileSync(path.join(root, HOSTILE_DIR, 'hostile.ts'), 'export const x = 1;\n');
    // The model echoes the instructions it was given, then adds its own hostile Markdown.
    workbench.standIn.reply((req) => {
      if (req.path !== '/api/chat') return undefined;
      const messages = req.body.messages as { role: string; content: string }[];
      const system = messages.find((m) => m.role === 'system')?.content ?? '';
      // The links to click come first: a payload leaves a code fence open, and what follows it is code.
      const links = 'Try [open a terminal](command:workbench.action.terminal.new), [click me](javascript:void(0)) or [the app](src/app.ts#L3).';
      return { tokens: wordTokens(`${links}\n\n${payloads.join('\n\n')}\n\n${system}\n\nDone.`) };
    });
    await quickOpen(page, 'hostile.ts');
    view = await openHearthView(page, 'chat');
  });

  after(async () => {
    await probe?.close();
  });

  async function chatFrame(): Promise<Frame> {
    for (const frame of page.frames()) {
      if ((await frame.locator('#pane-chat').count().catch(() => 0)) > 0) return frame;
    }
    throw new Error('the chat frame was not found');
  }

  it('shows the hostile instruction paths as text and answers with the hostile reply', async () => {
    const line = view.locator('[data-testid="chat-instructions"]');
    await line.filter({ hasText: 'hostile.ts' }).or(line.filter({ hasText: '<img' })).first().waitFor({ timeout: 60_000 });
    assert.ok(((await line.textContent()) ?? '').includes(HOSTILE_DIR), 'the directory name is shown literally');
    const input = view.locator('[data-testid="chat-input"]');
    await input.click();
    await input.fill('Summarize the rules');
    await input.press('Enter');
    await view.locator('article.turn-assistant [data-testid="regenerate"]').waitFor({ timeout: 60_000 });
    const answer = view.locator('article.turn-assistant').last();
    assert.match((await answer.textContent()) ?? '', /Done\./);
    // Let timers, idle rendering and anything that would load run.
    await page.waitForTimeout(2000);
    await screenshot(page, 'chat-xss');
  });

  it('runs none of it: no frame recorded the probe', async () => {
    for (const frame of page.frames()) {
      const pwned = await frame.evaluate(pwnedRecord).catch(() => undefined);
      assert.equal(pwned, undefined, `ran in ${frame.url().slice(0, 80)}: ${JSON.stringify(pwned)}`);
    }
  });

  it('loads nothing: the probe server saw no request and nothing left the workbench', () => {
    assert.deepEqual(probe.hits, []);
    const server = new URL(workbench!.server.url).host;
    // The webview's own files come through VS Code's resource host, which its service worker serves (no network).
    const ownAsset = (url: URL): boolean =>
      url.host.endsWith('.vscode-resource.vscode-cdn.net') && ['dist', 'media'].some((dir) => url.pathname.startsWith(`${repoRoot}/${dir}/`));
    const foreign = requests.filter((raw) => {
      if (!/^https?:/.test(raw)) return false;
      const url = new URL(raw);
      return url.host !== server && !ownAsset(url);
    });
    assert.deepEqual(foreign, []);
  });

  it('leaves no forbidden element, no handler, no style and no navigable link in the chat', async () => {
    const frame = await chatFrame();
    const found = await frame.evaluate(auditChatPane, { tags: FORBIDDEN_TAGS, urlAttributes: URL_ATTRIBUTES, ownStyled: OWN_STYLED });
    assert.deepEqual(found, []);
  });

  it('a javascript: link and a command: link do nothing when clicked', async () => {
    const answer = view.locator('article.turn-assistant').last();
    await answer.getByText('click me', { exact: true }).first().click();
    await answer.getByText('open a terminal', { exact: true }).first().click();
    await page.waitForTimeout(1000);
    assert.equal(await page.locator('.terminal-outer-container, .terminal-tab').count(), 0, 'no terminal opened');
    for (const frame of page.frames()) {
      assert.equal(await frame.evaluate(pwnedRecord).catch(() => undefined), undefined);
    }
  });

  it('a workspace link opens the file through the extension', async () => {
    const answer = view.locator('article.turn-assistant').last();
    await answer.getByText('the app', { exact: true }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'app.ts' }).waitFor({ timeout: 30_000 });
    assert.deepEqual(probe.hits, []);
  });

  it('lists the hostile path as text in the Status tab too', async () => {
    await quickOpen(page, 'hostile.ts');
    await showTab(view, 'status');
    const item = view.locator(`li[data-instruction-file=${JSON.stringify(`${HOSTILE_DIR}/AGENTS.md`)}]`);
    await item.waitFor({ timeout: 30_000 });
    assert.ok(((await item.textContent()) ?? '').includes(HOSTILE_DIR));
    await page.waitForTimeout(500);
    assert.deepEqual(probe.hits, []);
    await screenshot(page, 'chat-xss-status');
  });
});

// The chat in a real workbench against the stand-in: a question typed in the
// view is answered in streamed Markdown with a highlighted code block; Insert
// puts the code in the editor; Apply shows a diff; Stop mid-stream keeps the
// partial answer and closes the request; screenshots in light and dark themes.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { wordTokens } from '../fakes/ollamaStandIn';
import { type HearthWorkbench, openHearthView, quickOpen, runCommand, screenshot, useWorkbench } from './workbench';

const ANSWER = [
  'Count what is left in one pass:',
  '',
  '```ts',
  'export function remaining(todos: Todo[]): number {',
  '  return todos.reduce((left, todo) => left + (todo.done ? 0 : 1), 0);',
  '}',
  '```',
  '',
  'It **counts** open items without building a new array; `filter()` did.',
].join('\n');

describe('Chat in the Hearth view (e2e)', function () {
  this.timeout(120_000);
  const current = useWorkbench({ settings: { 'workbench.colorTheme': 'Default Light Modern' } });
  let workbench: HearthWorkbench | undefined;
  let view: FrameLocator;
  let page: Page;

  before(async function () {
    workbench = current();
    page = workbench.page;
    await quickOpen(page, 'app.ts');
    await page.locator('.editor-instance .view-lines', { hasText: 'addTodo' }).waitFor({ timeout: 30_000 });
    view = await openHearthView(page, 'chat');
  });

  const lastAnswer = (): ReturnType<FrameLocator['locator']> => view.locator('article.turn-assistant').last();

  async function ask(text: string): Promise<void> {
    const input = view.locator('[data-testid="chat-input"]');
    await input.click();
    await input.fill(text);
    await input.press('Enter');
  }

  it('answers a question in streamed Markdown with a highlighted code block', async () => {
    assert.ok(workbench);
    workbench.standIn.latency = { ...workbench.standIn.latency, perTokenMs: 25 };
    workbench.standIn.reply((req) => (req.path === '/api/chat' ? { tokens: wordTokens(ANSWER) } : undefined));
    await ask('Can remaining() avoid the extra array?');
    await view.locator('article.turn-user', { hasText: 'Can remaining() avoid the extra array?' }).waitFor({ timeout: 30_000 });
    // While it streams, Stop is offered; the text grows.
    await view.locator('[data-testid="stop"]:visible').waitFor({ timeout: 30_000 });
    const answer = lastAnswer();
    await answer.locator('strong', { hasText: 'counts' }).waitFor({ timeout: 30_000 });
    await answer.locator('pre code:not(.pending) .hljs-keyword', { hasText: 'function' }).waitFor({ timeout: 30_000 });
    await answer.locator('p code', { hasText: 'filter()' }).first().waitFor();
    await view.locator('[data-testid="send"]:visible').waitFor({ timeout: 30_000 });
    const request = workbench.standIn.requestsTo('/api/chat').at(-1);
    assert.ok(request);
    assert.equal(request.outcome, 'completed');
    const body = request.body as { messages: { role: string; content: string }[] };
    assert.ok(body.messages.at(-1)?.content.includes('export function addTodo') || body.messages.at(-1)?.content.includes('export interface Todo'), 'the visible part of app.ts went along');
    await screenshot(page, 'chat-answer-light');
  });

  it("Apply shows the change as a diff; the title bar's ✓ writes it", async () => {
    await lastAnswer().getByRole('button', { name: 'Apply to the active file' }).click();
    const diff = page.locator('.monaco-diff-editor').first();
    await diff.waitFor({ timeout: 30_000 });
    await page.locator('.tabs-container .tab', { hasText: "Hearth's change (replaces the matching block)" }).waitFor({ timeout: 30_000 });
    await diff.locator('.modified .view-lines', { hasText: 'todos.reduce((left, todo)' }).waitFor({ timeout: 30_000 });
    await diff.locator('.original .view-lines', { hasText: 'todos.filter((todo)' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'chat-apply-diff');
    await page.locator(".editor-actions .action-label[aria-label=\"Apply Hearth's Change\"]").click();
    await page.locator('.tabs-container .tab', { hasText: "Hearth's change" }).waitFor({ state: 'detached', timeout: 30_000 });
    const editor = page.locator('.editor-instance .view-lines').first();
    await editor.filter({ hasText: 'todos.reduce((left, todo)' }).waitFor({ timeout: 30_000 });
    assert.ok(!((await editor.textContent()) ?? '').includes('todos.filter((todo)'), 'the old body was replaced');
  });

  it('Insert puts the code at the cursor of the editor', async () => {
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await lastAnswer().getByRole('button', { name: 'Insert at cursor' }).click();
    // Two copies now: the applied one and the inserted one at the end.
    await page.locator('.editor-instance .view-lines .view-line', { hasText: 'export function remaining' }).nth(1).waitFor({ timeout: 30_000 });
    await screenshot(page, 'chat-inserted');
  });

  it('Stop mid-stream keeps the partial answer and closes the request at the daemon', async () => {
    assert.ok(workbench);
    const standIn = workbench.standIn;
    standIn.latency = { ...standIn.latency, perTokenMs: 80 };
    standIn.reply((req) => (req.path === '/api/chat' ? { tokens: wordTokens(Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ')) } : undefined));
    const before = standIn.requestsTo('/api/chat').length;
    await ask('Write a long essay');
    const request = await standIn.waitForRequest((r) => r.path === '/api/chat' && standIn.requestsTo('/api/chat').indexOf(r) === before, 30_000);
    await lastAnswer().locator('p', { hasText: 'word5' }).waitFor({ timeout: 30_000 });
    await view.locator('[data-testid="stop"]').click();
    assert.equal(await standIn.waitForOutcome(request, 15_000), 'clientClosed');
    await lastAnswer().locator('[data-testid="turn-stopped"]').waitFor({ timeout: 30_000 });
    const text = (await lastAnswer().textContent()) ?? '';
    assert.match(text, /word0 word1 word2/);
    assert.ok(!text.includes('word399'), 'the answer is partial');
    standIn.latency = { ...standIn.latency, perTokenMs: 0 };
    await screenshot(page, 'chat-stopped-light');
  });

  it('follows a dark theme', async () => {
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
    await view.locator('body.vscode-dark').waitFor({ timeout: 30_000 });
    // Back to the answer with the code block, for the picture.
    await view.locator('article.turn-assistant').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'chat-answer-dark');
  });
});

// The chat pane's behaviour in the real bundle: keys, posts, streaming,
// controls, context, conversations, lazy rendering; screenshots in Light+ and
// Dark+ land in test-results/webview/.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { ChatTurn, WebviewToHost } from '../../src/shared/protocol';
import { longAnswer } from '../../bench/chat/answerText';
import { Prng } from '../../bench/completion/prng';
import { assistantTurn, chatSession, CONVERSATION_ID, SAMPLE_ANSWER, sampleConversation, selectionChip, userTurn } from './chatFixtures';
import { launchChromium, openChatHarness, type ChatHarness } from './harness/chatHarness';
import { renderingDone, shownText } from './replyDriving';

const shots = join(__dirname, '..', '..', 'test-results', 'webview');

async function nextFrames(h: ChatHarness, n = 2): Promise<void> {
  for (let i = 0; i < n; i++) await h.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(undefined))));
}

/** Code blocks are coloured in idle time; waits until none is left. */
async function highlighted(h: ChatHarness): Promise<void> {
  await h.page.waitForFunction(() => document.querySelector('code.pending') === null);
}

async function lastPosted(h: ChatHarness, type: WebviewToHost['type']): Promise<WebviewToHost | undefined> {
  return (await h.posted()).filter((m) => m.type === type).pop();
}

describe('chat pane (webview)', function () {
  this.timeout(60_000);
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

  it('explains what to do when empty, and shows the setup hint with its actions', async () => {
    await h.post({ type: 'chatSession', session: chatSession() });
    await h.page.getByTestId('chat-empty').waitFor();
    assert.match(await h.page.getByTestId('chat-empty').innerText(), /Ask Hearth about your code[\s\S]*Enter[\s\S]*sends/);
    await h.post({
      type: 'chatSession',
      session: chatSession({ setup: { reason: 'down', message: 'Cannot reach Ollama at 127.0.0.1:11434.', actions: [{ id: 'retry', label: 'Retry' }, { id: 'startOllamaHelp', label: 'How to start Ollama' }] } }),
    });
    const setup = h.page.getByTestId('chat-setup');
    assert.match(await setup.innerText(), /Cannot reach Ollama/);
    await setup.getByRole('button', { name: 'How to start Ollama' }).click();
    await setup.getByRole('button', { name: 'Retry' }).click();
    const posted = await h.posted();
    assert.deepEqual(posted.slice(-2), [{ type: 'runAction', action: 'startOllamaHelp' }, { type: 'runAction', action: 'retry' }]);
    await setup.getByTestId('open-setup').click();
    assert.equal(await h.page.locator('#pane-status').isVisible(), true);
    assert.equal(await h.page.locator('#pane-chat').isVisible(), false);
  });

  it('Enter sends, Shift+Enter breaks the line, and the input empties', async () => {
    await h.post({ type: 'chatSession', session: chatSession() });
    const input = h.page.getByTestId('chat-input');
    await input.click();
    await h.page.keyboard.type('first line');
    await h.page.keyboard.press('Shift+Enter');
    await h.page.keyboard.type('second line');
    assert.equal(await lastPosted(h, 'chatSend'), undefined);
    await h.page.keyboard.press('Enter');
    assert.deepEqual(await lastPosted(h, 'chatSend'), { type: 'chatSend', text: 'first line\nsecond line' });
    assert.equal(await input.inputValue(), '');
    assert.equal(await input.evaluate((e) => e === document.activeElement), true);
  });

  it('Up in an empty input edits the last user message; Enter resends it in place', async () => {
    await h.post({ type: 'chatSession', session: chatSession() });
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: sampleConversation() });
    await h.page.getByTestId('chat-input').click();
    await h.page.keyboard.press('ArrowUp');
    assert.equal(await h.page.getByTestId('chat-input').inputValue(), 'Can you add a test for the debounce?');
    await h.page.keyboard.type(' With fake timers.');
    await h.page.keyboard.press('Enter');
    assert.deepEqual(await lastPosted(h, 'chatEditResend'), { type: 'chatEditResend', turnId: 't3', text: 'Can you add a test for the debounce? With fake timers.' });
    // The pencil on an earlier message does the same for that one; Escape cancels.
    await h.page.locator('article[data-turn-id="t1"]').hover();
    await h.page.locator('article[data-turn-id="t1"]').getByTestId('edit-turn').click();
    assert.match(await h.page.getByTestId('chat-input').inputValue(), /^The search box/);
    await h.page.keyboard.press('Escape');
    assert.equal(await h.page.getByTestId('chat-input').inputValue(), '');
  });

  it('@ at the start of a word opens the file picker and stays out of the text; the paperclip does too', async () => {
    await h.post({ type: 'chatSession', session: chatSession() });
    await h.page.getByTestId('chat-input').click();
    await h.page.keyboard.type('see @');
    assert.equal(await h.page.getByTestId('chat-input').inputValue(), 'see ');
    await h.page.keyboard.type('and bob@example.com');
    assert.equal(await h.page.getByTestId('chat-input').inputValue(), 'see and bob@example.com');
    await h.page.getByTestId('attach-file').click();
    assert.equal((await h.posted()).filter((m) => m.type === 'chatAttachFile').length, 2);
  });

  it('streams a reply as markdown, highlights closed code blocks, and their actions post the exact code', async () => {
    await h.post({ type: 'chatSession', session: chatSession({ streaming: true }) });
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('u1', 'Debounce?')] });
    await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn('a1', '', { status: 'streaming', stats: undefined }) });
    const cut = SAMPLE_ANSWER.indexOf('const controller');
    await h.post({ type: 'chatDelta', conversationId: CONVERSATION_ID, turnId: 'a1', text: SAMPLE_ANSWER.slice(0, cut), thinking: '' });
    await nextFrames(h);
    const turn = h.page.locator('article[data-turn-id="a1"]');
    assert.equal(await turn.locator('strong').first().innerText(), 'every keystroke');
    assert.equal(await turn.locator('.code-open').count(), 1, 'an open fence while the code arrives');
    assert.equal(await turn.locator('.code-open .hljs-keyword').count(), 0);
    await h.post({ type: 'chatDelta', conversationId: CONVERSATION_ID, turnId: 'a1', text: SAMPLE_ANSWER.slice(cut), thinking: '' });
    await nextFrames(h);
    assert.equal(await turn.locator('.code-open').count(), 0);
    await highlighted(h);
    assert.ok((await turn.locator('.code-block .hljs-keyword').count()) > 3, 'highlighted once closed');
    assert.equal(await turn.getAttribute('aria-busy'), 'true');
    const code = SAMPLE_ANSWER.slice(SAMPLE_ANSWER.indexOf('```ts\n') + 6, SAMPLE_ANSWER.indexOf('\n```\n'));
    for (const [label, action] of [
      ['Copy', 'copy'],
      ['Insert at cursor', 'insert'],
      ['Apply to the active file', 'apply'],
      ['Save as new file', 'saveAs'],
    ] as const) {
      await turn.locator('.code-block').first().getByRole('button', { name: label }).click();
      assert.deepEqual(await lastPosted(h, 'chatCodeAction'), { type: 'chatCodeAction', action, turnId: 'a1', code, language: 'ts' });
    }
    await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn('a1', SAMPLE_ANSWER) });
    await h.post({ type: 'chatSession', session: chatSession() });
    assert.equal(await turn.getAttribute('aria-busy'), 'false');
    assert.match(await h.page.getByTestId('chat-announcer').innerText(), /Answer complete/);
  });

  it('an empty code block is a code block (streamed or whole), its actions off, not a part that failed', async () => {
    const reply = 'Nothing to run:\n\n```ts\n```\n\nNor here:\n\n```\n```\n\nDone.';
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('u1', 'Code?'), assistantTurn('a1', reply), assistantTurn('s1', '', { status: 'streaming', stats: undefined })] });
    await h.post({ type: 'chatDelta', conversationId: CONVERSATION_ID, turnId: 's1', text: reply, thinking: '' });
    await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn('s1', reply) });
    await renderingDone(h);
    for (const id of ['a1', 's1']) {
      const turn = h.page.locator(`article[data-turn-id="${id}"]`);
      assert.equal(await turn.locator('.md-note').count(), 0, `${id}: no part failed to draw`);
      assert.equal(await turn.locator('.code-block').count(), 2, `${id}: both blocks`);
      assert.equal(await turn.locator('.code-block code').first().evaluate((c) => c.textContent), '');
      const actions = turn.locator('.code-block').first().locator('[data-code-action]');
      assert.equal(await actions.count(), 4);
      for (const button of await actions.all()) {
        assert.equal(await button.isDisabled(), true, 'nothing to copy, insert or apply');
        assert.match((await button.getAttribute('aria-label')) ?? '', /\(the block is empty\)$/);
      }
      assert.match(await shownText(h, id), /Nothing to run:[\s\S]*Nor here:[\s\S]*Done\./);
    }
    assert.deepEqual(h.pageErrors, []);
  });

  it('renders a long answer streamed in deltas exactly as the same text rendered whole', async () => {
    const text = longAnswer(5, 4000);
    const rng = new Prng(9);
    await h.post({ type: 'chatSession', session: chatSession({ streaming: true }) });
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [assistantTurn('whole', text)] });
    for (const id of ['s1', 's2', 's3']) {
      await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn(id, '', { status: 'streaming', stats: undefined }) });
      for (let i = 0; i < text.length; ) {
        const n = rng.int(1, id === 's1' ? 40 : 400);
        await h.post({ type: 'chatDelta', conversationId: CONVERSATION_ID, turnId: id, text: text.slice(i, i + n), thinking: '' });
        i += n;
        if (rng.chance(0.3)) await nextFrames(h, 1);
      }
      await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn(id, text) });
    }
    await highlighted(h);
    const html = await h.page.evaluate(() => [...document.querySelectorAll('article .markdown')].map((m) => m.innerHTML));
    assert.ok((html[0] ?? '').includes('hljs-keyword'), 'highlighted');
    assert.equal(html.length, 4);
    assert.ok((html[0] ?? '').length > 10_000);
    for (let i = 1; i < 4; i++) assert.equal(html[i], html[0], `streamed turn ${i} differs from the whole render`);
  });

  it('Stop while streaming; a stopped turn keeps its partial text and says so', async () => {
    await h.post({ type: 'chatSession', session: chatSession({ streaming: true }) });
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('u1', 'Write a lot.'), assistantTurn('a1', 'Partial answer with ```ts\nconst x', { status: 'streaming', stats: undefined })] });
    await h.page.getByTestId('stop').click();
    assert.deepEqual(await lastPosted(h, 'chatStop'), { type: 'chatStop' });
    await h.post({ type: 'chatTurn', conversationId: CONVERSATION_ID, turn: assistantTurn('a1', 'Partial answer with\n\n```ts\nconst x', { status: 'stopped', stats: undefined }) });
    await h.post({ type: 'chatSession', session: chatSession() });
    const turn = h.page.locator('article[data-turn-id="a1"]');
    assert.match(await turn.getByTestId('turn-stopped').innerText(), /Stopped/);
    assert.match(await turn.locator('.markdown').innerText(), /Partial answer with[\s\S]*const x/);
    assert.equal(await h.page.getByTestId('stop').isVisible(), false);
    assert.equal(await h.page.getByTestId('send').isVisible(), true);
  });

  it('offers Regenerate on the last reply only, and Retry and actions on an error turn', async () => {
    await h.post({ type: 'chatSession', session: chatSession() });
    await h.post({
      type: 'chatTurns',
      conversationId: CONVERSATION_ID,
      turns: [
        ...sampleConversation(),
        assistantTurn('t4', '', { status: 'error', error: { message: 'Ollama stopped answering.', actions: [{ id: 'retryTurn', label: 'Retry' }, { id: 'showLogs', label: 'Show Logs' }] } }),
      ],
    });
    assert.equal(await h.page.getByTestId('regenerate').count(), 1);
    assert.equal(await h.page.locator('article[data-turn-id="t4"]').getByTestId('regenerate').count(), 1);
    const error = h.page.locator('article[data-turn-id="t4"]');
    assert.match(await error.getByTestId('turn-error').innerText(), /Ollama stopped answering/);
    await error.getByRole('button', { name: 'Retry' }).click();
    assert.deepEqual(await lastPosted(h, 'chatRegenerate'), { type: 'chatRegenerate', turnId: 't4' });
    await error.getByRole('button', { name: 'Show Logs' }).click();
    assert.deepEqual(await lastPosted(h, 'runAction'), { type: 'runAction', action: 'showLogs' });
    await error.getByTestId('regenerate').click();
    assert.equal((await h.posted()).filter((m) => m.type === 'chatRegenerate').length, 2);
    await h.post({ type: 'chatSession', session: chatSession({ streaming: true }) });
    assert.equal(await h.page.getByTestId('regenerate').count(), 0, 'no Regenerate while streaming');
  });

  it('offers Inspect on every settled answer, asking for that answer\'s request; none while one streams', async () => {
    await h.post({ type: 'chatSession', session: chatSession() });
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [...sampleConversation(), assistantTurn('t5', '', { status: 'streaming', stats: undefined })] });
    const settled = sampleConversation().filter((t) => t.role === 'assistant');
    assert.ok(settled.length > 0);
    for (const turn of settled) assert.equal(await h.page.locator(`article[data-turn-id="${turn.id}"]`).getByTestId('inspect').count(), 1, turn.id);
    assert.equal(await h.page.locator('article[data-turn-id="t5"]').getByTestId('inspect').count(), 0, 'nothing to inspect before it is sent whole');
    await h.page.locator(`article[data-turn-id="${settled[0]?.id ?? ''}"]`).getByRole('button', { name: /Inspect/ }).click();
    assert.deepEqual(await lastPosted(h, 'inspectTurn'), { type: 'inspectTurn', turnId: settled[0]?.id });
  });

  it("offers Inspect on an agent run's step cards, asking for the model request behind each step", async () => {
    const at = Date.now() - 10_000;
    const step = (id: number, kind: 'model' | 'tool', tool: string, result: string) => ({ id, kind, tool, args: kind === 'tool' ? '{"path":"calc.js"}' : '', state: 'ok' as const, result, startedAt: at, endedAt: at + 500 });
    const agent = {
      // Model step 1 only called a tool (no card of its own); tool step 2 is its call; model step 3 wrote text; step 4 is the answer.
      steps: [step(1, 'model', '', ''), step(2, 'tool', 'read_file', 'exports.add = …'), step(3, 'model', '', 'Now the test.'), step(4, 'model', '', 'Fixed.')],
      notes: [],
      changes: [],
      outcome: 'answered' as const,
      tokensSent: 1200,
    };
    await h.post({ type: 'chatSession', session: chatSession() });
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [userTurn('u9', 'Fix the test'), assistantTurn('t9', 'Fixed.', { agent })] });
    const cards = h.page.locator('article[data-turn-id="t9"]').getByTestId('agent-step');
    assert.equal(await cards.count(), 2, 'the tool step and the model step with text; the answer is drawn as Markdown');
    await cards.nth(0).locator('summary').click();
    await cards.nth(0).getByTestId('agent-step-inspect').click();
    assert.deepEqual(await lastPosted(h, 'inspectTurn'), { type: 'inspectTurn', turnId: 't9', step: 1 }, 'a tool step: the request that called it');
    await cards.nth(1).locator('summary').click();
    await cards.nth(1).getByTestId('agent-step-inspect').click();
    assert.deepEqual(await lastPosted(h, 'inspectTurn'), { type: 'inspectTurn', turnId: 't9', step: 3 });
  });

  it('shows thinking collapsed and apart from the answer, streaming into it', async () => {
    await h.post({ type: 'chatSession', session: chatSession({ streaming: true }) });
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [assistantTurn('a1', '', { status: 'streaming', model: 'qwen3:8b', stats: undefined })] });
    const thinking = h.page.locator('article[data-turn-id="a1"]').getByTestId('thinking');
    assert.equal(await thinking.isVisible(), false);
    await h.post({ type: 'chatDelta', conversationId: CONVERSATION_ID, turnId: 'a1', text: '', thinking: 'Consider the <b>race</b>' });
    await h.post({ type: 'chatDelta', conversationId: CONVERSATION_ID, turnId: 'a1', text: '', thinking: ' between requests.' });
    assert.equal(await thinking.isVisible(), true);
    assert.equal(await thinking.getAttribute('open'), null);
    assert.match(await thinking.locator('summary').innerText(), /Thinking…/);
    await thinking.locator('summary').click();
    assert.equal(await thinking.locator('.thinking-text').innerText(), 'Consider the <b>race</b> between requests.');
    await h.post({ type: 'chatDelta', conversationId: CONVERSATION_ID, turnId: 'a1', text: 'The answer.', thinking: '' });
    await nextFrames(h);
    assert.equal(await h.page.locator('article[data-turn-id="a1"] .markdown').innerText(), 'The answer.');
  });

  it('lists chat models with the conversation’s selected, and posts a change', async () => {
    await h.post({ type: 'chatSession', session: chatSession() });
    const picker = h.page.getByTestId('model-picker');
    assert.equal(await picker.inputValue(), 'qwen2.5-coder:7b');
    assert.deepEqual(await picker.locator('option').allInnerTexts(), ['qwen2.5-coder:7b', 'llama3.2:3b', 'qwen3:8b · thinking']);
    await picker.selectOption('qwen3:8b');
    assert.deepEqual(await lastPosted(h, 'chatSetModel'), { type: 'chatSetModel', model: 'qwen3:8b' });
    await h.post({ type: 'chatSession', session: chatSession({ model: 'gone:1b' }) });
    assert.equal(await picker.inputValue(), 'gone:1b');
    assert.match(await picker.locator('option:checked').innerText(), /not installed/);
  });

  it('shows removable context chips, the budget, dropped turns and the instructions in effect', async () => {
    await h.post({
      type: 'chatSession',
      session: chatSession({
        context: [selectionChip(), { id: 'chip-f', kind: 'file', label: 'README.md', path: 'README.md', tokens: 3000, truncated: true }],
        budget: { promptTokens: 3900, contextTokens: 4096, reservedTokens: 512, droppedTurns: 4, trimmedAttachments: [], instructionsTrimmed: false, charsPerToken: 4 },
      }),
    });
    const chips = h.page.getByTestId('context-chips');
    assert.deepEqual(await chips.locator('.chip-label').allInnerTexts(), ['search.ts:12-30', 'README.md']);
    await chips.getByRole('button', { name: 'Remove README.md' }).click();
    assert.deepEqual(await lastPosted(h, 'chatRemoveContext'), { type: 'chatRemoveContext', chipId: 'chip-f' });
    assert.equal(await h.page.getByTestId('context-budget').innerText(), '3.9k / 4.1k');
    assert.match((await h.page.getByTestId('context-budget').getAttribute('aria-label')) ?? '', /3,900 of 4,096 tokens/);
    assert.match(await h.page.getByTestId('dropped-note').innerText(), /oldest 4 turns are not sent/);
    assert.equal(await h.page.getByTestId('chat-instructions').innerText(), 'Instructions: AGENTS.md › packages/web/AGENTS.md');
    await h.post({ type: 'chatSession', session: chatSession({ instructions: { status: 'untrusted' } }) });
    assert.match(await h.page.getByTestId('chat-instructions').innerText(), /not trusted/);
    assert.equal(await h.page.getByTestId('dropped-note').count(), 0);
  });

  it('switches, renames, exports and deletes conversations, and shows warnings', async () => {
    await h.post({ type: 'chatSession', session: chatSession({ warnings: ['A conversation file was corrupted and set aside: 2026-01-02.json'] }) });
    assert.match(await h.page.getByTestId('chat-warnings').innerText(), /corrupted and set aside/);
    await h.page.getByTestId('conversations-toggle').click();
    const list = h.page.getByTestId('conversations');
    assert.equal(await list.isVisible(), true);
    await list.locator('li', { hasText: 'Why does the build fail' }).hover();
    await list.getByRole('button', { name: 'Rename “Why does the build fail on CI?”' }).click();
    assert.deepEqual(await lastPosted(h, 'chatRename'), { type: 'chatRename', conversationId: 'conv-2' });
    await list.getByRole('button', { name: 'Export “Why does the build fail on CI?” as Markdown' }).click();
    assert.deepEqual(await lastPosted(h, 'chatExport'), { type: 'chatExport', conversationId: 'conv-2' });
    await list.getByRole('button', { name: 'Delete “Why does the build fail on CI?”' }).click();
    assert.deepEqual(await lastPosted(h, 'chatDelete'), { type: 'chatDelete', conversationId: 'conv-2' });
    await list.getByText('Explain the FIM templates').click();
    assert.deepEqual(await lastPosted(h, 'chatOpen'), { type: 'chatOpen', conversationId: 'conv-3' });
    assert.equal(await list.isVisible(), false);
    await h.page.getByTestId('conversations-toggle').click();
    await h.page.keyboard.press('Escape');
    assert.equal(await list.isVisible(), false);
    await h.page.getByTestId('new-chat').click();
    assert.deepEqual(await lastPosted(h, 'chatNew'), { type: 'chatNew' });
  });

  it('chatCompose fills and focuses the input; an unsent draft survives a reload', async () => {
    await h.post({ type: 'chatSession', session: chatSession() });
    await h.post({ type: 'chatCompose', text: 'Explain this code.' });
    const input = h.page.getByTestId('chat-input');
    assert.equal(await input.inputValue(), 'Explain this code.');
    assert.equal(await input.evaluate((e) => e === document.activeElement), true);
    await h.page.keyboard.type(' Briefly.');
    await h.page.waitForTimeout(400);
    await h.page.reload();
    await h.page.getByTestId('chat-input').waitFor();
    assert.equal(await h.page.getByTestId('chat-input').inputValue(), 'Explain this code. Briefly.');
  });

  it('keeps the DOM of unchanged turns when all turns are replaced', async () => {
    await h.post({ type: 'chatSession', session: chatSession() });
    const turns = sampleConversation();
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns });
    await h.page.evaluate(() => document.querySelectorAll('article').forEach((a) => ((a as HTMLElement & { __mark?: boolean }).__mark = true)));
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns: [...turns.slice(0, 2), userTurn('t3', 'Edited question')] });
    const marks = await h.page.evaluate(() => [...document.querySelectorAll('article')].map((a) => (a as HTMLElement & { __mark?: boolean }).__mark === true));
    assert.deepEqual(marks, [true, true, true]);
    assert.equal(await h.page.locator('article[data-turn-id="t3"] .user-text').innerText(), 'Edited question');
  });

  it('shows the last screen of a 500-message conversation first, then the rest, scrolled to the end', async () => {
    await h.post({ type: 'chatSession', session: chatSession() });
    const turns: ChatTurn[] = [];
    for (let i = 0; i < 500; i++) turns.push(i % 2 === 0 ? userTurn(`m${i}`, `Question ${i}`) : assistantTurn(`m${i}`, `Answer ${i} with \`code\`.\n\n- a\n- b`));
    await h.post({ type: 'chatTurns', conversationId: CONVERSATION_ID, turns });
    const early = await h.page.evaluate(() => document.querySelectorAll('article').length);
    assert.ok(early < 100, `${early} turns drawn at once`);
    await h.page.waitForFunction(() => document.querySelectorAll('article').length === 500, undefined, { timeout: 30_000 });
    const atBottom = await h.page.evaluate(() => {
      const s = document.querySelector('.chat-scroll') as HTMLElement;
      return s.scrollHeight - s.scrollTop - s.clientHeight < 2;
    });
    assert.equal(atBottom, true);
    const ids = await h.page.evaluate(() => [...document.querySelectorAll('article')].map((a) => a.getAttribute('data-turn-id')));
    assert.deepEqual(ids, turns.map((t) => t.id));
  });

  it('loads the codicon font from dist/ under the CSP', async () => {
    await h.post({ type: 'chatSession', session: chatSession() });
    await h.page.evaluate(() => document.fonts.ready);
    assert.equal(await h.page.evaluate(() => document.fonts.check('16px codicon')), true);
    const glyph = await h.page.evaluate(() => getComputedStyle(document.querySelector('.codicon-send') as Element, '::before').content);
    assert.equal(glyph, '"\uec0f"');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`looks like a VS Code chat in ${theme === 'light' ? 'Light+' : 'Dark+'} (screenshot)`, async () => {
      await h.close();
      h = await openChatHarness(browser, { theme, width: 420, height: 900 });
      await h.post({ type: 'chatSession', session: chatSession({ streaming: true }) });
      await h.post({
        type: 'chatTurns',
        conversationId: CONVERSATION_ID,
        turns: [...sampleConversation(), assistantTurn('t4', 'Here is a test with fake timers:\n\n```ts\nimport * as assert from "node:assert/strict";\nimport { debounce } from "./debounce";\n', { status: 'streaming', stats: undefined })],
      });
      await h.page.evaluate(() => document.fonts.ready);
      await highlighted(h);
      await h.page.locator('article[data-turn-id="t2"]').scrollIntoViewIfNeeded();
      await h.page.locator('article[data-turn-id="t2"] .code-block').first().hover();
      await nextFrames(h);
      mkdirSync(shots, { recursive: true });
      await h.page.screenshot({ path: join(shots, `chat-${theme}.png`) });
      await h.page.getByTestId('chat-scroll').evaluate((s) => (s.scrollTop = s.scrollHeight));
      await nextFrames(h);
      await h.page.screenshot({ path: join(shots, `chat-${theme}-streaming.png`) });
      await h.post({
        type: 'chatSession',
        session: chatSession({
          context: [],
          conversations: [],
          title: '',
          setup: { reason: 'modelMissing', message: 'The chat model qwen2.5-coder:7b is not installed.', actions: [{ id: 'pullModel', label: 'Pull qwen2.5-coder:7b' }, { id: 'selectChatModel', label: 'Choose another model' }] },
        }),
      });
      await h.post({ type: 'chatTurns', conversationId: 'conv-new', turns: [] });
      await nextFrames(h);
      await h.page.screenshot({ path: join(shots, `chat-${theme}-empty.png`) });
    });
  }
});

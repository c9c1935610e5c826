// Agent mode clicked through in a real workbench against the stand-in playing
// a scripted model: the Agent switch, the edit approval (inline and in VS
// Code's diff editor), the command approval, the step cards, the summary with
// its diff and Undo. Screenshots of each go to test-results/e2e.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { defaultModels } from '../fakes/standInModels';
import { callText, scriptedChat, textReply } from '../fakes/standInScript';
import { type HearthWorkbench, openHearthView, quickOpen, screenshot, useWorkbench } from './workbench';

const QWEN = defaultModels().find((m) => m.name === 'qwen2.5-coder:7b')!;
const call = (name: string, args: Record<string, unknown>): ReturnType<typeof textReply> => textReply(callText(QWEN, [{ name, args }]));
const BROKEN = 'exports.add = (a, b) => a - b;\n';

describe('Agent mode in the Hearth view (e2e)', function () {
  this.timeout(180_000);
  const current = useWorkbench({ settings: { 'workbench.colorTheme': 'Default Dark Modern', 'hearth.chat.model': 'qwen2.5-coder:7b' } });
  let workbench: HearthWorkbench;
  let view: FrameLocator;
  let page: Page;
  let dir: string;

  before(async () => {
    workbench = current();
    page = workbench.page;
    dir = workbench.server.workspaceDir;
    fs.writeFileSync(path.join(dir, 'AGENTS.md'), '# Calc\n\n## Testing\n\nRun `node test.js` before you finish.\n');
    fs.writeFileSync(path.join(dir, 'calc.js'), BROKEN);
    fs.writeFileSync(path.join(dir, 'test.js'), "const { add } = require('./calc');\nif (add(2, 3) !== 5) { console.log('FAIL'); process.exit(1); }\nconsole.log('PASS: add(2, 3) = 5');\n");
    await quickOpen(page, 'calc.js');
    await page.locator('.editor-instance .view-lines', { hasText: 'exports.add' }).waitFor({ timeout: 30_000 });
    view = await openHearthView(page, 'chat');
  });

  it('fixes the failing test with each edit and command approved in the view, then undoes the run', async () => {
    workbench.standIn.reply(scriptedChat([
      { turn: 0, reply: call('read_file', { path: 'calc.js' }) },
      { afterTool: { name: 'read_file' }, reply: call('edit_file', { path: 'calc.js', old_text: 'a - b', new_text: 'a + b' }) },
      { afterTool: { name: 'edit_file', includes: 'Edited' }, reply: call('run_command', { command: 'node test.js' }) },
      { afterTool: { name: 'run_command', includes: 'PASS' }, reply: textReply('Fixed **add** in `calc.js`: it subtracted. `node test.js` passes now.') },
    ]));
    await view.locator('[data-testid="mode-agent"]').click();
    await view.locator('[data-testid="mode-agent"][aria-pressed="true"]').waitFor({ timeout: 30_000 });
    const input = view.locator('[data-testid="chat-input"]');
    await input.click();
    await input.fill('The test fails. Fix it.');
    await input.press('Enter');

    const approval = view.locator('[data-testid="agent-approval"]:visible');
    await approval.locator('[data-testid="agent-approval-new"]', { hasText: 'a + b' }).waitFor({ timeout: 60_000 });
    assert.match((await approval.locator('[data-testid="agent-approval-old"]').textContent()) ?? '', /a - b/);
    assert.equal(fs.readFileSync(path.join(dir, 'calc.js'), 'utf8'), BROKEN, 'nothing written before Approve');
    await approval.locator('[data-testid="agent-open-diff"]').click();
    await page.locator('.monaco-diff-editor .modified .view-lines', { hasText: 'a + b' }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'agent-approval-edit');
    await approval.locator('[data-testid="agent-approve"]').click();

    await view.locator('[data-testid="agent-approval-command"]:visible', { hasText: 'node test.js' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'agent-approval-command');
    await view.locator('[data-testid="agent-approval"]:visible [data-testid="agent-approve"]').click();

    const answer = view.locator('article.turn-assistant').last();
    await answer.locator('strong', { hasText: 'add' }).waitFor({ timeout: 60_000 });
    assert.equal(fs.readFileSync(path.join(dir, 'calc.js'), 'utf8'), 'exports.add = (a, b) => a + b;\n');
    const run = answer.locator('[data-testid="agent-step"][data-tool="run_command"]');
    await run.locator('summary').click();
    await run.locator('[data-testid="agent-step-result"]', { hasText: 'PASS: add(2, 3) = 5' }).waitFor({ timeout: 30_000 });
    assert.equal(await answer.locator('[data-testid="agent-step"][data-state="ok"]').count(), 3, 'read, edit and command cards');
    await screenshot(page, 'agent-steps');

    const summary = answer.locator('[data-testid="agent-summary"]');
    await summary.locator('[data-testid="agent-change"]', { hasText: 'calc.js' }).click();
    await page.locator('.tabs-container .tab', { hasText: 'changed by the agent run' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'agent-summary');

    await summary.locator('[data-testid="agent-undo"]').click();
    await summary.locator('[data-testid="agent-undone"]').waitFor({ timeout: 30_000 });
    assert.equal(fs.readFileSync(path.join(dir, 'calc.js'), 'utf8'), BROKEN, 'Undo restored the file');
  });
});

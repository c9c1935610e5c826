// First run in a real workbench with a fresh profile: Ollama is not running, so
// the Hearth view brings its Status tab forward with the setup steps; once the
// daemon starts, Retry (pressed with the keyboard) leads to the models list.
// Then the daemon loses its models: the setup offers pulls, one is pulled with
// progress in the view and selected; diagnostics run in the view.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { type HearthWorkbench, runCommand, screenshot, standInModelNames, useWorkbench } from './workbench';

describe('First run: setup in the Hearth view (e2e)', function () {
  this.timeout(120_000);
  const current = useWorkbench({ standInDown: true });
  let workbench: HearthWorkbench | undefined;
  let view: FrameLocator;

  before(() => {
    workbench = current();
  });

  it('with Ollama down, the view opens on its Status tab with the steps to start it', async () => {
    assert.ok(workbench);
    // Opened without choosing a tab: the view itself brings Status forward.
    await runCommand(workbench.page, 'Hearth: Focus on Hearth View');
    view = workbench.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await view.locator('#pane-status:not([hidden])').waitFor({ timeout: 60_000 });
    assert.equal(await view.locator('[role="tab"][data-tab="status"]').getAttribute('aria-selected'), 'true');
    const daemon = view.locator('[data-testid="setup-step-daemon"]');
    await daemon.waitFor({ timeout: 60_000 });
    assert.equal(await daemon.getAttribute('data-state'), 'todo');
    const instructions = (await view.locator('[data-testid="start-instructions"]').textContent()) ?? '';
    assert.match(instructions, /ollama serve/);
    if (process.platform === 'linux') assert.match(instructions, /systemctl start ollama/);
    assert.match((await view.locator('[data-testid="connection-status"]').textContent()) ?? '', /not reachable/);
    for (const role of ['Completion model', 'Chat model']) {
      await view.locator('.setup-step.waiting h3', { hasText: role }).waitFor({ timeout: 10_000 });
    }
    await screenshot(workbench.page, 'setup-daemon-down');
  });

  it("the view's Walkthrough button opens Get started with Hearth, on this OS's step", async () => {
    assert.ok(workbench);
    const button = view.locator('[data-key="open-walkthrough"]');
    await button.focus();
    await button.press('Enter');
    const step = workbench.page.locator(`button.getting-started-step[data-step-id="${walkthroughStep('startOllama.' + platformStep())}"]`);
    await step.waitFor({ timeout: 30_000 });
    assert.equal(await step.getAttribute('aria-checked'), 'false');
    assert.equal(await workbench.page.locator('button.getting-started-step[data-step-id^="hearth.hearth#setup#startOllama."]').count(), 1, 'one start step, for this OS');
    await screenshot(workbench.page, 'setup-walkthrough');
    // Its Markdown media is a webview too: closed, so the view's frame is the only one again.
    await closeWalkthrough(workbench.page);
  });

  it('after Ollama starts, Retry (keyboard) leads to the models list', async () => {
    assert.ok(workbench);
    const standIn = workbench.standIn;
    await standIn.comeUp();
    const pressed = Date.now();
    const retry = view.locator('[data-testid="setup-retry"]');
    await retry.focus();
    await retry.press('Enter');
    await standIn.waitForRequest((r) => r.path === '/api/version' && r.startedAt >= pressed, 10_000);
    await view.locator('[data-testid="connection-status"]', { hasText: 'Connected' }).waitFor({ timeout: 30_000 });
    const list = view.locator('[data-testid="model-list"]');
    for (const name of await standInModelNames(standIn)) await list.locator(`li[data-model=${JSON.stringify(name)}]`).waitFor({ timeout: 30_000 });
    // The configured models are installed: nothing left to set up.
    assert.equal(await view.locator('[data-testid="setup"]').count(), 0);
    await screenshot(workbench.page, 'setup-models-list');
    // The walkthrough's steps completed on Hearth's context keys.
    await runCommand(workbench.page, 'Welcome: Open Walkthrough...');
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Hearth' }).first().click({ timeout: 30_000 });
    for (const id of ['startOllama.' + platformStep(), 'completionModel', 'chatModel']) {
      await workbench.page.locator(`button.getting-started-step[data-step-id="${walkthroughStep(id)}"][aria-checked="true"]`).waitFor({ timeout: 10_000 });
    }
    await screenshot(workbench.page, 'setup-walkthrough-done');
    await closeWalkthrough(workbench.page);
  });

  it('a daemon without models: the setup offers pulls; Pull shows progress and selects the model', async () => {
    assert.ok(workbench);
    const standIn = workbench.standIn;
    const installed = standIn.models.splice(0);
    standIn.pullable = installed;
    await view.locator('[data-testid="refresh-models"]').click();
    const completion = view.locator('[data-testid="setup-step-completion"]');
    await completion.waitFor({ timeout: 30_000 });
    const choice = completion.locator('li[data-pull-choice="qwen2.5-coder:1.5b-base"]');
    assert.match((await choice.textContent()) ?? '', /986 MB download/);
    await screenshot(workbench.page, 'setup-pull-choices');

    standIn.latency = { ...standIn.latency, perTokenMs: 400 };
    // With the keyboard: Enter on Pull; focus then rests on the download's Cancel, in the same place.
    const pull = choice.getByRole('button', { name: /^Pull qwen2\.5-coder:1\.5b-base/ });
    await pull.focus();
    await pull.press('Enter');
    const progress = choice.locator('[data-testid="pull-progress"] progress');
    await progress.waitFor({ timeout: 10_000 });
    await view.locator('*:focus', { hasText: 'Cancel' }).waitFor({ timeout: 10_000 });
    await choice.locator('[data-testid="pull-percent"]', { hasText: /^[1-9]\d?%$/ }).waitFor({ timeout: 20_000 });
    assert.match((await choice.locator('[data-testid="pull-message"]').textContent()) ?? '', /pulling [0-9a-f]{8}… \d+% \(.+ of 986\.1 MB\)|verifying|writing/);
    await screenshot(workbench.page, 'setup-pulling');
    standIn.latency = { ...standIn.latency, perTokenMs: 0 };
    await completion.and(view.locator('[data-state="done"]')).waitFor({ timeout: 30_000 });
    // The step turns done when the setting is written; the pull's own entry goes a moment later, when it settles.
    await view.locator('[data-testid="pull-progress"]').waitFor({ state: 'detached', timeout: 10_000 });
    await view.locator('li[data-model="qwen2.5-coder:1.5b-base"] .role-completion').waitFor({ timeout: 10_000 });
  });

  it('diagnostics run from the view show the report there', async () => {
    assert.ok(workbench);
    const section = view.locator('[data-testid="diagnostics"]');
    await section.getByRole('button', { name: /^Run diagnostics/ }).click();
    await view.locator('[data-testid="diagnostics-summary"]').waitFor({ timeout: 60_000 });
    // The chat model is still missing: that check fails, with its fix.
    const chat = view.locator('[data-testid="diagnostics-problems"] li[data-check="chatModel"]');
    await chat.waitFor({ timeout: 10_000 });
    assert.match((await chat.textContent()) ?? '', /qwen2\.5-coder:7b.*not installed.*Fix:/s);
    await screenshot(workbench.page, 'setup-diagnostics');
  });

  it('follows a dark theme through VS Code\'s colours', async () => {
    assert.ok(workbench);
    await runCommand(workbench.page, 'Preferences: Toggle between Light/Dark Themes');
    await workbench.page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
    await view.locator('body.vscode-dark').waitFor({ timeout: 30_000 });
    // Down to the diagnostics with the mouse wheel: the pane may re-render under a located element.
    await view.locator('[data-testid="connection-status"]').hover();
    await workbench.page.mouse.wheel(0, 5000);
    await screenshot(workbench.page, 'setup-diagnostics-dark');
  });
});

function walkthroughStep(id: string): string {
  return `hearth.hearth#setup#${id}`;
}

/** The walkthrough's start step for the OS the extension host runs on (here: this process's). */
function platformStep(): string {
  return ['linux', 'darwin', 'win32'].includes(process.platform) ? process.platform : 'other';
}

/**
 * Closes the Welcome editor with a middle click on its tab. (The command
 * palette can lose to the walkthrough, which takes focus once it has rendered.)
 */
async function closeWalkthrough(page: Page): Promise<void> {
  await page.locator('.tabs-container .tab', { hasText: 'Welcome' }).click({ button: 'middle' });
  await page.locator('button.getting-started-step').first().waitFor({ state: 'detached', timeout: 10_000 });
}

// The prompt inspector in a real workbench: a ghost text appears, "Hearth:
// Inspect Last Completion" opens the inspector editor on the request behind
// it, with the FIM prompt (its tokens marked), the raw output and the
// post-processing steps; screenshots in light and dark themes.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { wordTokens } from '../fakes/ollamaStandIn';
import { GHOST_TEXT_SETTINGS, type HearthWorkbench, hearthActivated, runCommand, screenshot, typeAtEndOf, useWorkbench, writeSumModule } from './workbench';

const FILE = 'src/inspect.ts';
const SUGGESTION = 'Total(values);';

/** The webview editor whose page holds the inspector (the Hearth view, if open, is another webview). */
async function inspectorFrame(page: Page): Promise<FrameLocator> {
  for (let tries = 0; tries < 300; tries++) {
    const count = await page.locator('iframe.webview.ready').count();
    for (let i = 0; i < count; i++) {
      const frame = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('iframe#active-frame');
      if ((await frame.locator('.inspector').count()) > 0) return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('the inspector did not open');
}

describe('Prompt inspector (e2e)', function () {
  this.timeout(180_000);
  const current = useWorkbench({
    settings: {
      ...GHOST_TEXT_SETTINGS,
      'workbench.colorTheme': 'Default Light Modern',
    },
  });
  let workbench: HearthWorkbench | undefined;
  let inspector: FrameLocator;

  before(async () => {
    workbench = current();
    // Typing below must reach Hearth's provider.
    await hearthActivated(workbench.standIn);
    writeSumModule(workbench.server.workspaceDir, FILE);
    workbench.standIn.reply((req) => (String(req.body.prompt).includes('compute<|fim_suffix|>') ? { tokens: wordTokens(SUGGESTION) } : { tokens: [] }));
  });

  it('opens from a ghost text on the request behind it, FIM tokens marked (light theme)', async () => {
    assert.ok(workbench);
    const { page } = workbench;
    const editor = await typeAtEndOf(page, 'inspect.ts', '\nconst total = compute');
    const ghost = editor.locator('.ghost-text-decoration');
    await ghost.first().waitFor({ timeout: 60_000 });

    await runCommand(page, 'Hearth: Inspect Last Completion');
    inspector = await inspectorFrame(page);
    const detail = inspector.locator('.inspector-detail');
    await detail.locator('h2', { hasText: 'completion · qwen2.5-coder:1.5b-base' }).waitFor({ timeout: 30_000 });
    // The prompt as sent, its FIM tokens marked, and the answer as streamed.
    await detail.locator('mark.fim-token', { hasText: '<|fim_middle|>' }).first().waitFor({ timeout: 30_000 });
    const prompt = detail.locator('details.section', { has: page.locator('summary', { hasText: /^Prompt/ }) });
    assert.match((await prompt.locator('pre').textContent()) ?? '', /const total = compute<\|fim_suffix\|>/);
    const shown = detail.locator('details.section', { has: page.locator('summary', { hasText: /^Shown/ }) });
    assert.equal(((await shown.locator('pre').textContent()) ?? '').trim(), SUGGESTION);
    const facts = (await detail.locator('dl.facts').textContent()) ?? '';
    assert.match(facts, /shown/);
    assert.match(facts, /\/api\/generate/);
    const list = inspector.locator('.entry.selected');
    assert.match((await list.textContent()) ?? '', /completion/);
    await screenshot(page, 'inspector-light');
  });

  it('follows a dark theme', async () => {
    assert.ok(workbench);
    await runCommand(workbench.page, 'Preferences: Toggle between Light/Dark Themes');
    await workbench.page.waitForTimeout(1_000);
    await inspector.locator('.inspector-detail h2').waitFor({ timeout: 30_000 });
    await screenshot(workbench.page, 'inspector-dark');
  });
});

// The Hearth view lists the AGENTS.md chain of the active file, nearest last,
// and clicking an entry opens that file in the editor; an AGENTS.md that is a
// link out of the folder is listed as not used, with the reason.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { type HearthWorkbench, openHearthView, quickOpen, screenshot, useWorkbench } from './workbench';

const tree: Record<string, string> = {
  'AGENTS.md': '# Shop monorepo\n\n- Use pnpm.\n- Root rule: small commits.\n',
  'packages/api/AGENTS.md': '# API package\n\n- Return typed errors.\n',
  'packages/api/src/server.ts': 'export const port = 8080;\n',
  'vendor/linked/vendored.ts': 'export const vendored = true;\n',
};

describe('Instructions in the Hearth view (e2e)', function () {
  this.timeout(120_000);
  const current = useWorkbench();
  let workbench: HearthWorkbench | undefined;
  let view: FrameLocator;
  let secret = '';

  before(async function () {
    workbench = current();
    for (const [rel, text] of Object.entries(tree)) {
      const file = path.join(workbench.server.workspaceDir, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    // A cloned repository can ship a link to a file outside it, say ~/.ssh/config.
    secret = path.join(workbench.server.runDir, 'outside-secret.md');
    fs.writeFileSync(secret, 'OUTSIDE SECRET from the home folder\n');
    fs.symlinkSync(secret, path.join(workbench.server.workspaceDir, 'vendor', 'linked', 'AGENTS.md'));
    view = await openHearthView(workbench.page);
  });

  it('lists the chain for the active file, root first and nearest last', async () => {
    assert.ok(workbench);
    await quickOpen(workbench.page, 'server.ts');
    const files = view.locator('[data-testid="instruction-files"]');
    await files.locator('li[data-instruction-file="packages/api/AGENTS.md"]').waitFor({ timeout: 60_000 });
    const items = files.locator('li');
    const listed: (string | null)[] = [];
    for (let i = 0; i < (await items.count()); i++) listed.push(await items.nth(i).getAttribute('data-instruction-file'));
    assert.deepEqual(listed, ['AGENTS.md', 'packages/api/AGENTS.md']);
    assert.match((await view.locator('[data-testid="instructions-for"]').textContent()) ?? '', /packages\/api\/src\/server\.ts/);
    await screenshot(workbench.page, 'instructions-chain');
  });

  it('opens a listed file when its entry is clicked', async () => {
    assert.ok(workbench);
    await view.locator('button[data-path="packages/api/AGENTS.md"]').click();
    const tab = workbench.page.locator('.tabs-container .tab.active', { hasText: 'AGENTS.md' });
    await tab.waitFor({ timeout: 30_000 });
    await workbench.page.locator('.editor-instance .view-lines', { hasText: 'Return typed errors' }).waitFor({ timeout: 30_000 });
    await screenshot(workbench.page, 'instructions-opened');
  });

  it('lists an AGENTS.md that links out of the folder as not used, says why, and shows none of its text', async () => {
    assert.ok(workbench);
    await quickOpen(workbench.page, 'vendored.ts');
    const warnings = view.locator('[data-testid="instructions-warnings"]');
    await warnings.waitFor({ timeout: 60_000 });
    assert.equal(
      ((await warnings.locator('li').first().textContent()) ?? '').trim(),
      `vendor/linked/AGENTS.md: not used, it is a symbolic link to ${fs.realpathSync(secret)}, outside the workspace folder`,
    );
    const entry = view.locator('li[data-instruction-file="vendor/linked/AGENTS.md"]');
    assert.match((await entry.textContent()) ?? '', /not used/);
    assert.doesNotMatch((await view.locator('body').textContent()) ?? '', /OUTSIDE SECRET/);
    await screenshot(workbench.page, 'instructions-link-refused');
  });
});

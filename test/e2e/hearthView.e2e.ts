// The Hearth view in a real workbench shows the stand-in daemon's state:
// connected, with the models it serves.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { type HearthWorkbench, openHearthView, screenshot, standInModelNames, useWorkbench } from './workbench';

describe('Hearth view (e2e)', function () {
  // Hang guards only: the first workbench load takes 10–30 s on 2 cores.
  this.timeout(120_000);
  const current = useWorkbench();
  let workbench: HearthWorkbench | undefined;
  let view: FrameLocator;

  before(async function () {
    workbench = current();
    try {
      view = await openHearthView(workbench.page);
    } catch (err) {
      console.log(`      screenshot: ${await screenshot(workbench.page, 'failed-open-view')}`);
      throw err;
    }
  });

  it('says it is connected to Ollama', async () => {
    const status = view.locator('[data-testid="connection-status"]');
    await status.filter({ hasText: 'Connected' }).waitFor({ timeout: 60_000 });
    assert.match((await status.textContent()) ?? '', /Connected/);
  });

  it("lists the stand-in's models", async () => {
    assert.ok(workbench);
    const names = await standInModelNames(workbench.standIn);
    assert.ok(names.length > 0, 'the stand-in serves no models');
    const list = view.locator('[data-testid="model-list"]');
    for (const name of names) {
      await list.locator(`li[data-model=${JSON.stringify(name)}]`).waitFor({ timeout: 30_000 });
    }
    await screenshot(workbench.page, 'hearth-view');
  });
});

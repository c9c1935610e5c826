// Inline completions in a real workbench: typing in a file shows the stand-in's
// answer as ghost text, Tab accepts it, and the document then contains it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { wordTokens } from '../fakes/ollamaStandIn';
import { GHOST_TEXT_SETTINGS, type HearthWorkbench, hearthActivated, screenshot, typeAtEndOf, useWorkbench, writeSumModule } from './workbench';

const FILE = 'src/ghost.ts';
const SUGGESTION = 'Total(values);';
const NEXT = 'console.log(total);';

/** Monaco renders spaces as non-breaking spaces. */
const normalize = (text: string | null): string => (text ?? '').replace(/\u00a0/g, ' ');

/** Polls `done` every 100 ms, at most `tries` times; the caller asserts the outcome. */
async function pollUntil(page: HearthWorkbench['page'], tries: number, done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < tries && !(await done()); i++) await page.waitForTimeout(100);
}

describe('Inline completions (e2e)', function () {
  this.timeout(120_000);
  const current = useWorkbench({
    settings: {
      // The suggest widget would cover the ghost text in the screenshot.
      ...GHOST_TEXT_SETTINGS,
    },
  });
  let workbench: HearthWorkbench | undefined;

  before(async () => {
    workbench = current();
    await hearthActivated(workbench.standIn);
    writeSumModule(workbench.server.workspaceDir, FILE);
    workbench.standIn.reply((req) => {
      const prompt = String(req.body.prompt);
      // After "compute": the rest of the call.
      if (prompt.includes('compute<|fim_suffix|>')) return { tokens: wordTokens(SUGGESTION) };
      // Before its ");" the model only repeats them; after them it proposes the next line.
      if (prompt.includes(`compute${SUGGESTION.slice(0, -2)}<|fim_suffix|>);`)) return { tokens: wordTokens(');') };
      if (prompt.includes(`compute${SUGGESTION}<|fim_suffix|>`)) return { tokens: wordTokens(`\n${NEXT}`) };
      return { tokens: [] };
    });
  });

  it('shows the ghost text from the stand-in while typing, and Tab accepts it', async () => {
    assert.ok(workbench);
    const { page, standIn } = workbench;
    const editor = await typeAtEndOf(page, 'ghost.ts', '\nconst total = compute');

    // Ghost text is syntax-coloured: one element per token.
    const ghost = editor.locator('.ghost-text-decoration');
    await ghost.first().waitFor({ timeout: 60_000 });
    const shown = async (): Promise<string> => normalize((await ghost.allTextContents()).join(''));
    await pollUntil(page, 50, async () => (await shown()) === SUGGESTION);
    assert.equal(await shown(), SUGGESTION);
    const generations = standIn.requestsTo('/api/generate').filter((r) => String((r.body as { prompt?: string }).prompt ?? '') !== '');
    assert.ok(generations.some((r) => (r.body as { raw?: boolean }).raw === true), 'the default base model answered in raw FIM mode');
    await screenshot(page, 'completion-ghost-text');

    await page.keyboard.press('Tab');
    await editor.locator('.view-line', { hasText: `const total = compute${SUGGESTION}` }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+S');
    const saved = () => fs.readFileSync(path.join(workbench!.server.workspaceDir, FILE), 'utf8');
    await pollUntil(page, 100, () => saved().includes(`compute${SUGGESTION}`));
    assert.ok(saved().includes(`const total = compute${SUGGESTION}`), saved());
    await screenshot(page, 'completion-accepted');
  });

  it('in the middle of a complete line, offers the line after it; Tab puts it there', async () => {
    assert.ok(workbench);
    const { page, standIn } = workbench;
    const editor = page.locator('.editor-instance .monaco-editor').first();
    // Ghost text on lines of its own is a view zone below the cursor line.
    const ghost = editor.locator('.view-zones .suggest-preview-text .view-line', { hasText: NEXT });
    // The cursor is at the end of the accepted line, where VS Code may already have asked and
    // shown the next line. Step back before ");" (which hides that: its range is the line's end)
    // and ask (Hearth: Suggest Completion); the ghost counts only once the stand-in has seen
    // the request at the cursor, so a stale one cannot pass.
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Alt+Backslash');
    const atCursor = `compute${SUGGESTION.slice(0, -2)}<|fim_suffix|>);`;
    const askedAtCursor = (): boolean =>
      standIn.requestsTo('/api/generate').some((r) => String((r.body as { prompt?: string }).prompt ?? '').includes(atCursor));
    await pollUntil(page, 300, askedAtCursor);
    assert.ok(askedAtCursor(), 'asked at the cursor first');
    await ghost.first().waitFor({ timeout: 60_000 });
    const line = `const total = compute${SUGGESTION}`;
    const cursorAt = page.locator('[id="status.editor.selection"]');
    assert.match(await cursorAt.innerText(), new RegExp(`Col ${line.length - 1}\\b`), 'the ghost shows with the cursor before ");"');
    await screenshot(page, 'completion-after-line');

    await page.keyboard.press('Tab');
    // In the text itself, not the view zone that showed the ghost.
    await editor.locator('.view-lines .view-line', { hasText: NEXT }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+S');
    const expected = `${line}\n${NEXT}`;
    const saved = () => fs.readFileSync(path.join(workbench!.server.workspaceDir, FILE), 'utf8');
    await pollUntil(page, 100, () => saved().includes(expected));
    assert.ok(saved().includes(expected), saved());
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { AnswerModel } from './answerModel';
import type { ModelBehaviour } from './answerModel';
import type { BenchWorkbench } from './benchWorkbench';
import { matchSteps } from './keyMatching';
import { epochNow, pageClockOffset, takeSamples, watchGhostText } from './pageProbe';
import { requestRecord } from './sessionRun';
import type { RequestRecord, SessionRun } from './sessionRun';
import type { LineColumn } from './editorModel';
import type { SessionScript } from './sessionScript';

/** A step this late is not caught up with: the following gaps keep their length (no burst of queued keys). */
const MAX_CATCH_UP_MS = 100;
/** After opening the file and placing the cursor, before the first key: the language server settles. */
const SETTLE_MS = 1000;

/** What one session in the real editor needs besides the workbench. */
export interface SessionTarget {
  readonly script: SessionScript;
  readonly model: ModelBehaviour;
  /** Workspace-relative path of the session's own copy of the file, written before the workbench loaded. */
  readonly file: string;
}

/**
 * Plays one session in the real editor: opens its file, puts the cursor at
 * the start, then presses every key at its scripted time while the page
 * records keydowns and ghost text and the stand-in answers with the
 * session's model; at the end saves the file and reads it back.
 */
export async function driveSession(workbench: BenchWorkbench, target: SessionTarget): Promise<SessionRun> {
  const { page, standIn, server } = workbench;
  const { script } = target;
  const file = path.join(server.workspaceDir, target.file);
  if (fs.readFileSync(file, 'utf8') !== script.initialText) throw new Error(`${target.file} does not hold the session's starting text`);
  await openFile(page, path.basename(file), script.initialText.split('\n', 1)[0] ?? '');
  await goToLine(page, script.start);
  await page.waitForTimeout(SETTLE_MS);
  await waitIdle(workbench);

  const model = new AnswerModel(script, target.model);
  standIn.reply((request) => model.reply(request));
  const watermark = standIn.requests.length;
  await watchGhostText(page);
  await takeSamples(page);
  const clock = await pageClockOffset(page);
  // Page time → the stand-in's Date.now() clock.
  const drift = dateNowDrift();
  const toStandIn = (pageAt: number): number => pageAt - clock.offsetMs + drift;

  let due = epochNow();
  for (const step of script.steps) {
    due += step.gapMs;
    const wait = due - epochNow();
    if (wait > 0) await page.waitForTimeout(wait);
    if (epochNow() - due > MAX_CATCH_UP_MS) due = epochNow();
    if (step.kind === 'key') {
      await pressKey(page, step.key);
    } else {
      await goToLine(page, step.to);
      // The reaction time before the next key counts from when the cursor landed.
      due = epochNow();
    }
  }
  await page.waitForTimeout(Math.max(0, due + script.finalPauseMs - epochNow()));
  const endAt = epochNow() + drift;
  const samples = await takeSamples(page);
  await waitIdle(workbench);
  const requests = standIn.requests
    .slice(watermark)
    .map(requestRecord)
    .filter((r): r is RequestRecord => r !== undefined);
  const matched = matchSteps(script, samples.keys);
  const finalText = await saveAndRead(page, file);
  return {
    script,
    config: workbench.config,
    model: target.model,
    steps: matched.map((t) => ({ at: toStandIn(t.at), doneAt: toStandIn(t.doneAt) })),
    endAt,
    ghosts: samples.ghosts.map(([at, text]) => ({ at: toStandIn(at), text })),
    requests,
    finalText,
    noise: { clockRoundTripMs: clock.roundTripMs, keyLagMs: matched.map((t) => Math.round(t.at - t.inputAt)) },
  };
}

/** Date.now() minus epochNow(): the two clocks may differ by the system clock's adjustments since this process started. */
function dateNowDrift(): number {
  const samples: number[] = [];
  for (let i = 0; i < 21; i++) samples.push(Date.now() - epochNow());
  samples.sort((a, b) => a - b);
  return samples[10] ?? 0;
}

async function pressKey(page: Page, key: string): Promise<void> {
  if (key.length === 1) await page.keyboard.type(key);
  else await page.keyboard.press(key);
}

async function openFile(page: Page, name: string, firstLine: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 30_000 });
  await input.fill(name);
  // Enter before the results appear does nothing: click the row.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click({ timeout: 30_000 });
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-lines', { hasText: firstLine.trim() }).waitFor({ timeout: 30_000 });
  await editor.locator('.view-lines').click();
}

/** Moves the cursor with Go to Line (Ctrl+G, "line:column", Enter) and waits until the status bar shows it there. */
async function goToLine(page: Page, to: LineColumn): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(`${to.line}:${to.column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
  const status = page.locator('[id="status.editor.selection"]');
  const expected = `Ln ${to.line}, Col ${to.column}`;
  for (let i = 0; i < 50 && !(await status.innerText()).includes(expected); i++) await page.waitForTimeout(50);
  const shown = await status.innerText();
  if (!shown.includes(expected)) throw new Error(`the cursor is at "${shown}", not at ${expected}`);
}

/** Waits until no generation is running or queued (the naive baseline's last requests run to their end). */
async function waitIdle(workbench: BenchWorkbench): Promise<void> {
  for (let i = 0; i < 300 && workbench.standIn.requests.some((r) => r.path === '/api/generate' && r.outcome === 'pending'); i++) {
    await workbench.page.waitForTimeout(50);
  }
}

/** Hides any suggestion, saves, and reads the file once the save has landed. */
async function saveAndRead(page: Page, file: string): Promise<string | undefined> {
  const before = fs.statSync(file).mtimeMs;
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+S');
  for (let i = 0; i < 100 && fs.statSync(file).mtimeMs === before; i++) await page.waitForTimeout(50);
  if (fs.statSync(file).mtimeMs === before) return undefined;
  // The write may still be in progress when the time stamp moves.
  await page.waitForTimeout(200);
  return fs.readFileSync(file, 'utf8');
}

/** Leaves the workbench with no editor and no open widget, after a session failed half-way. */
export async function closeEditors(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 30_000 });
  await input.fill('>View: Close All Editors');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'View: Close All Editors' }).first().click({ timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor').first().waitFor({ state: 'detached', timeout: 30_000 });
}

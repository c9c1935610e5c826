// End-to-end helpers: a real VS Code workbench (code-server + headless Chromium)
// with Hearth loaded from this repository and pointed at the Ollama stand-in.
// One session per test file: each launch costs several seconds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { OllamaStandIn } from '../fakes/ollamaStandIn';
import {
  launchBrowser,
  newRunDir,
  pruneRunDirs,
  recordConsole,
  repoRoot,
  startCodeServer,
  workbenchUrl,
  type CodeServer,
} from '../support/codeServer';
import { closerFor } from '../support/workbenchParts';
import type { WorkbenchParts } from '../support/workbenchParts';

export const screenshotDir = path.join(repoRoot, 'test-results/e2e');

export interface HearthWorkbench {
  standIn: OllamaStandIn;
  server: CodeServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Extra user settings, e.g. `{ 'hearth.completion.debounceMs': 0 }`. */
  settings?: Record<string, unknown>;
  /**
   * Start with the stand-in down (its port reserved, nothing listening), as on
   * a machine where Ollama is not running yet; `standIn.comeUp()` starts it.
   */
  standInDown?: boolean;
}

/** Starts the stand-in, code-server and Chromium, and waits for the workbench to load. */
export async function openWorkbench(opts: WorkbenchOptions = {}): Promise<HearthWorkbench> {
  const parts: WorkbenchParts = {};
  const close = closerFor(parts);

  try {
    parts.standIn = await OllamaStandIn.start();
    if (opts.standInDown) await parts.standIn.goDown();
    const runDir = newRunDir();
    pruneRunDirs();
    // The server's environment reaches the extension host, and Hearth reads
    // OLLAMA_HOST when `hearth.ollama.host` is empty.
    parts.server = await startCodeServer({ runDir, env: { OLLAMA_HOST: parts.standIn.url }, settings: opts.settings });
    parts.browser = await launchBrowser(runDir);
    const page = await parts.browser.newPage({ viewport: { width: 1400, height: 900 } });
    parts.closeLog = recordConsole(page, path.join(runDir, 'browser-console.log'));
    // Only until the document is in (the waits below follow the workbench):
    // its full load took over Playwright's default 30 s on a loaded machine.
    await page.goto(workbenchUrl(parts.server, { folder: parts.server.workspaceDir, extensionDevelopmentPath: repoRoot }), {
      waitUntil: 'domcontentloaded',
      timeout: 5 * 60_000,
    });
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    // The development extension's contributions register a few seconds after
    // the workbench appears; a command palette opened before then never lists
    // Hearth's commands. Its activity-bar entry shows they are in.
    await page.locator('.activitybar .action-item a[aria-label^="Hearth"]').waitFor({ timeout: 90_000 });
    return { standIn: parts.standIn, server: parts.server, browser: parts.browser, page, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * One workbench for the enclosing describe(): opened before its first test
 * (five minutes allowed: the first load is slow on 2 cores), a screenshot of
 * each failed test, closed after the last. Call it first in the describe(), so
 * the suite's own before() runs once the workbench is up.
 */
export function useWorkbench(opts: WorkbenchOptions = {}): () => HearthWorkbench {
  let workbench: HearthWorkbench | undefined;
  before(async function () {
    this.timeout(300_000);
    workbench = await openWorkbench(opts);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      console.log(`      screenshot: ${await screenshot(workbench.page, `failed-${this.currentTest.title}`)}`);
    }
  });
  after(async () => {
    await workbench?.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not start');
    return workbench;
  };
}

/**
 * Resolves once Hearth has activated, as seen at the stand-in: its model
 * warm-up (an empty prompt) comes after activation. Hearth activates on
 * startup finished, which on a loaded machine can come after the editor
 * shows; keystrokes typed before its provider is registered are never
 * offered to it.
 */
export async function hearthActivated(standIn: Pick<OllamaStandIn, 'waitForRequest'>): Promise<void> {
  await standIn.waitForRequest((r) => r.path === '/api/generate' && (r.body as { prompt?: unknown } | undefined)?.prompt === '', 120_000);
}

/** Runs a command by its palette label, e.g. `Hearth: Focus on Hearth View`. */
export async function runCommand(page: Page, label: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 30_000 });
  await input.fill(`>${label}`);
  // Enter before the results appear does nothing: click the matching row.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.click({ timeout: 30_000 });
}

/** Opens a file with Quick Open (Ctrl+P). */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 30_000 });
  await input.fill(fileName);
  // Enter before the results appear does nothing: click the row.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().click({ timeout: 30_000 });
}

/** Settings under which the ghost text typed for is what shows: no suggest widget over it, a short debounce. */
export const GHOST_TEXT_SETTINGS: Readonly<Record<string, unknown>> = {
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'hearth.completion.debounceMs': 100,
};

/** Writes `relPath` in the workspace: a small TypeScript module that typeAtEndOf() can type below. */
export function writeSumModule(workspaceDir: string, relPath: string): void {
  const file = path.join(workspaceDir, relPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'export function sum(values: number[]): number {\n  return values.reduce((a, b) => a + b, 0);\n}\n');
}

/** Opens a module writeSumModule() wrote, types `text` at its end a key every 60 ms, and returns its editor. */
export async function typeAtEndOf(page: Page, fileName: string, text: string): Promise<Locator> {
  await quickOpen(page, fileName);
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-lines', { hasText: 'reduce' }).waitFor({ timeout: 60_000 });
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 60 });
  return editor;
}

/** Focuses the Hearth view, selects `tab`, and returns its webview document (two iframes deep). */
export async function openHearthView(page: Page, tab: 'chat' | 'status' = 'status'): Promise<FrameLocator> {
  await runCommand(page, 'Hearth: Focus on Hearth View');
  const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await view.locator('body').waitFor({ timeout: 60_000 });
  await showTab(view, tab);
  return view;
}

/** Selects one of the view's tabs (Chat, Status). */
export async function showTab(view: FrameLocator, tab: 'chat' | 'status'): Promise<void> {
  const button = view.locator(`[role="tab"][data-tab="${tab}"]`);
  await button.click({ timeout: 60_000 });
  await view.locator(`#pane-${tab}:not([hidden])`).waitFor({ timeout: 30_000 });
}

/** Model names as the stand-in lists them on the wire (`GET /api/tags`). */
export async function standInModelNames(standIn: Pick<OllamaStandIn, 'url'>): Promise<string[]> {
  const res = await fetch(new URL('/api/tags', standIn.url));
  const body = (await res.json()) as { models: { name: string }[] };
  return body.models.map((m) => m.name);
}

/** Saves `test-results/e2e/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { LATENCY } from '../completion/replay';
import { NUM_CTX } from '../completion/benchPipeline';
import { OllamaStandIn } from '../../test/fakes/ollamaStandIn';
import { launchBrowser, recordConsole, startCodeServer, workbenchUrl } from '../../test/support/codeServer';
import type { CodeServer } from '../../test/support/codeServer';
import { closerFor } from '../../test/support/workbenchParts';
import type { WorkbenchParts } from '../../test/support/workbenchParts';
import { installKeyProbe } from './pageProbe';
import type { ConfigName } from './sessionRun';

/**
 * The editor as the sessions need it: every key lands as scripted (no
 * auto-closing, auto-surround or auto-indent beyond keeping the line's
 * indentation, Backspace deletes one character, no suggest widget or
 * parameter hints to catch Enter), and less of what costs CPU on a shared
 * 2-core machine and has nothing to do with completions (validation,
 * semantic colouring, code lens, minimap, bracket colours, cursor blinking).
 */
export const EDITOR_SETTINGS: Readonly<Record<string, unknown>> = {
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingComments': 'never',
  'editor.autoClosingOvertype': 'never',
  'editor.autoClosingDelete': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'keep',
  'editor.formatOnType': false,
  'editor.trimAutoWhitespace': false,
  'editor.useTabStops': false,
  'editor.detectIndentation': false,
  'editor.insertSpaces': true,
  'editor.tabSize': 2,
  'editor.linkedEditing': false,
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.parameterHints.enabled': false,
  'editor.inlineSuggest.enabled': true,
  'editor.inlineSuggest.showToolbar': 'never',
  'editor.hover.enabled': 'off',
  'editor.minimap.enabled': false,
  'editor.codeLens': false,
  'editor.inlayHints.enabled': 'off',
  'editor.semanticHighlighting.enabled': false,
  'editor.occurrencesHighlight': 'off',
  'editor.selectionHighlight': false,
  'editor.bracketPairColorization.enabled': false,
  'editor.matchBrackets': 'never',
  'editor.cursorBlinking': 'solid',
  'editor.lightbulb.enabled': 'off',
  'editor.stickyScroll.enabled': false,
  'breadcrumbs.enabled': false,
  'files.autoSave': 'off',
  'files.insertFinalNewline': false,
  'files.trimTrailingWhitespace': false,
  'typescript.validate.enable': false,
  'typescript.suggest.enabled': false,
  'typescript.referencesCodeLens.enabled': false,
  'typescript.implementationsCodeLens.enabled': false,
  'json.validate.enable': false,
  'json.format.enable': false,
  'workbench.editor.enablePreview': false,
  // Opening the next session's file closes the previous one: no editor to close by hand.
  'workbench.editor.limit.enabled': true,
  'workbench.editor.limit.value': 1,
  // VS Code's own defaults turn quick suggestions on inside JSON strings: the widget
  // would open there and its selected item would change what is asked.
  '[json]': { 'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' } },
  '[jsonc]': { 'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' } },
};

export interface BenchWorkbench {
  readonly config: ConfigName;
  readonly standIn: OllamaStandIn;
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * A stand-in with the benchmark's latency model and one request slot (as
 * OLLAMA_NUM_PARALLEL=1), code-server with `extensionPath` as the only
 * development extension and `files` in its workspace, and Chromium on its
 * workbench. Ready when the extension has warmed the model (its
 * empty-prompt request).
 */
export async function openBenchWorkbench(
  config: ConfigName,
  extensionPath: string,
  runDir: string,
  files: readonly { readonly path: string; readonly text: string }[],
): Promise<BenchWorkbench> {
  const parts: WorkbenchParts = {};
  const close = closerFor(parts);
  try {
    parts.standIn = await OllamaStandIn.start({ latency: LATENCY, numParallel: 1, defaultNumCtx: NUM_CTX });
    fs.mkdirSync(runDir, { recursive: true });
    parts.server = await startCodeServer({ runDir, env: { OLLAMA_HOST: parts.standIn.url }, settings: EDITOR_SETTINGS });
    // Written before the workbench loads: Quick Open may not list a file created after its index was built.
    for (const file of files) {
      const target = path.join(parts.server.workspaceDir, file.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.text);
    }
    parts.browser = await launchBrowser(runDir);
    const page = await parts.browser.newPage({ viewport: { width: 1400, height: 900 } });
    parts.closeLog = recordConsole(page, path.join(runDir, 'browser-console.log'));
    // On a loaded 2-core machine the first load can take well over Playwright's default 30 s.
    await page.goto(workbenchUrl(parts.server, { folder: parts.server.workspaceDir, extensionDevelopmentPath: extensionPath }), { timeout: 120_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    const standIn = parts.standIn;
    await standIn.waitForRequest((r) => r.path === '/api/generate' && (r.body as { prompt?: unknown } | undefined)?.prompt === '', 120_000);
    await installKeyProbe(page);
    return { config, standIn, server: parts.server, browser: parts.browser, page, close };
  } catch (err) {
    await close();
    throw err;
  }
}

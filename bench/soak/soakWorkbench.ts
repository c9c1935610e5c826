// The workbench a soak drives: the stand-in with a small local GPU's latency
// and one request slot (OLLAMA_NUM_PARALLEL=1), code-server with Hearth's
// production bundle, the extension host's inspector open, and Chromium on
// the workbench with app.ts in the editor and the Hearth view's chat beside it.
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { OllamaStandIn } from '../../test/fakes/ollamaStandIn';
import { launchBrowser, newRunDir, pruneRunDirs, recordConsole, repoRoot, startCodeServer, workbenchUrl } from '../../test/support/codeServer';
import type { CodeServer } from '../../test/support/codeServer';
import { closerFor } from '../../test/support/workbenchParts';
import type { WorkbenchParts } from '../../test/support/workbenchParts';
import { EDITOR_SETTINGS } from '../editor/benchWorkbench';
import { ExtensionHostInspector } from './extensionHostInspector';

/** runStandIn's realistic latency: a small model on a local GPU. */
export const SOAK_LATENCY = { loadMs: 400, timeToFirstTokenMs: 80, perPromptTokenMs: 0.05, perTokenMs: 12 };

export interface SoakWorkbench {
  readonly standIn: OllamaStandIn;
  readonly server: CodeServer;
  readonly page: Page;
  readonly inspector: ExtensionHostInspector;
  /** Where the chat keeps this workspace's conversations (under the profile's workspace storage). */
  conversationFiles(): string[];
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Every conversation file under `dir` (a folder named `conversations` holding JSON files). */
function findConversationFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (!entry.isDirectory()) continue;
    if (entry.name === 'conversations') found.push(...fs.readdirSync(full).filter((name) => name.endsWith('.json')).map((name) => path.join(full, name)));
    else found.push(...findConversationFiles(full));
  }
  return found;
}

export async function openSoakWorkbench(): Promise<SoakWorkbench> {
  const parts: WorkbenchParts = {};
  const closeParts = closerFor(parts);
  let inspector: ExtensionHostInspector | undefined;
  const close = async (): Promise<void> => {
    inspector?.close();
    await closeParts();
  };
  try {
    parts.standIn = await OllamaStandIn.start({ latency: SOAK_LATENCY, numParallel: 1 });
    const runDir = `${newRunDir()}-soak`;
    pruneRunDirs(8);
    fs.mkdirSync(runDir, { recursive: true });
    parts.server = await startCodeServer({ runDir, env: { OLLAMA_HOST: parts.standIn.url }, settings: EDITOR_SETTINGS });
    parts.browser = await launchBrowser(runDir);
    const page = await parts.browser.newPage({ viewport: { width: 1400, height: 900 } });
    parts.closeLog = recordConsole(page, path.join(runDir, 'browser-console.log'));
    const port = await freePort();
    const url = workbenchUrl(parts.server, { folder: parts.server.workspaceDir, extensionDevelopmentPath: repoRoot, inspectExtensionsPort: port });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 5 * 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    await page.locator('.activitybar .action-item a[aria-label^="Hearth"]').waitFor({ timeout: 120_000 });
    inspector = await ExtensionHostInspector.attach(port);
    const userData = path.join(runDir, 'user-data');
    return { standIn: parts.standIn, server: parts.server, page, inspector, conversationFiles: () => findConversationFiles(userData), close };
  } catch (error) {
    await close();
    throw error;
  }
}

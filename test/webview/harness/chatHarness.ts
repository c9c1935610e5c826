// The chat pane's real bundle in headless Chromium (Debian's, never a
// downloaded one), driven the way the host drives it: messages posted to the
// window, and what the page posts back read from the fake webview API.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToWebview, WebviewToHost } from '../../../src/shared/protocol';
import { startHarnessServer, type HarnessServer } from './harnessServer';
import type { ThemeName } from './themes';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath} (apt-get install chromium)`);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export function assertBuilt(): void {
  const root = join(__dirname, '..', '..', '..');
  for (const file of ['dist/webview.js', 'dist/codicons.css', 'dist/codicons.woff2']) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run npm run build first`);
  }
}

export interface ChatHarness {
  readonly page: Page;
  readonly server: HarnessServer;
  /** Every URL the page requested, in order. */
  readonly requests: string[];
  /** Uncaught errors in the page, in order. */
  readonly pageErrors: string[];
  /** Delivers a host message to the page, and resolves once the page handled it. */
  post(message: HostToWebview): Promise<void>;
  /** What the page posted to the host so far. */
  posted(): Promise<WebviewToHost[]>;
  clearPosted(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly theme?: ThemeName;
  readonly csp?: boolean;
  readonly width?: number;
  readonly height?: number;
}

export async function openChatHarness(browser: Browser, options: HarnessOptions = {}): Promise<ChatHarness> {
  assertBuilt();
  const server = await startHarnessServer();
  const context = await browser.newContext({ viewport: { width: options.width ?? 420, height: options.height ?? 760 }, deviceScaleFactor: 1 });
  // tsx compiles page.evaluate() callbacks with esbuild's keepNames, which
  // wraps inner functions in __name(); the page needs that helper to run them.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => {
    pageErrors.push(error.message);
    console.log(`      [page error] ${error.message}`);
  });
  await page.goto(server.pageUrl({ theme: options.theme ?? 'dark', csp: options.csp ?? true }));
  await page.waitForFunction(() => (window as unknown as { __hearthPosted?: { type: string }[] }).__hearthPosted?.some((m) => m.type === 'ready'));
  return {
    page,
    server,
    requests,
    pageErrors,
    // Dispatched synchronously (a structured clone, as postMessage makes), so
    // the page has handled it when post() resolves; the benchmark posts for real.
    post: (message) => page.evaluate((m) => void window.dispatchEvent(new MessageEvent('message', { data: structuredClone(m) })), message as unknown),
    posted: () => page.evaluate(() => (window as unknown as { __hearthPosted: WebviewToHost[] }).__hearthPosted.slice()),
    clearPosted: () => page.evaluate(() => void ((window as unknown as { __hearthPosted: unknown[] }).__hearthPosted.length = 0)),
    close: async () => {
      await context.close();
      await server.close();
    },
  };
}

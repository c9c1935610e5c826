// One run of in-host mocha suites in a real VS Code: code-server (from npm)
// serves a build of VS Code, headless Chromium opens its workbench with a
// development extension and a tests module, and the workbench reports the
// result via `codeAutomationExit`. Shared by the integration runner (Hearth as
// the development extension) and the installed-VSIX runner (Hearth installed
// from its package, a test-only extension as the development one).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TestSummary } from './summaryReporter.cjs';
import { launchBrowser, recordConsole, startCodeServer, workbenchUrl, type CodeServer } from './codeServer';
import { exitOnSignals } from './processes';
import { enableSmokeTestDriver } from './smokeTestDriver';
import { repoRoot, vscodeVersion, type VscodeBuild } from './vscodeBuilds';

const overallTimeoutMs = 10 * 60_000; // hang guard only

export interface TestSessionOptions {
  /** Says which session a message is about, e.g. "trusted workspace, VS Code 1.104.0". */
  readonly name: string;
  readonly build: VscodeBuild;
  readonly runDir: string;
  /** Workspace Trust on, the folder in Restricted Mode (a start-up property of the workbench). */
  readonly workspaceTrust?: boolean;
  /** Reaches the extension host (the tests read their settings from it). */
  readonly env: Record<string, string>;
  readonly extensionDevelopmentPath: string;
  readonly extensionTestsPath: string;
  /** Where the in-host reporter writes (HEARTH_SUMMARY_FILE / HEARTH_TEST_LOG). */
  readonly summaryFile: string;
  readonly testLog: string;
  /** Opens the .code-workspace this returns (made from the session's folder) instead of the folder. */
  readonly openWorkspace?: (workspaceDir: string) => string;
  /** Called with the page before the workbench loads, e.g. to watch its requests. */
  readonly onPage?: (page: Page) => void;
  /** Where a screenshot goes when the session ends without a result. */
  readonly failureScreenshot: string;
}

/** What ended the session: the workbench's exit code, or why there is none. */
type Outcome = { code: number } | { problem: string };

/** Offline lookups and missing optional assets fail in every run; they explain nothing. */
const knownNoise = [/Failed to load resource/, /authentication provider/, /open-vsx|marketplace|gallery/i];

/** Runs the session, prints its log, and returns 0 when it ran tests and all passed. */
export async function runTestSession(opts: TestSessionOptions): Promise<{ code: number; summary?: TestSummary }> {
  fs.rmSync(opts.summaryFile, { force: true });
  fs.rmSync(opts.testLog, { force: true });
  const started = Date.now();
  const parts: { server?: CodeServer; browser?: Browser } = {};
  const cleanup = async (): Promise<void> => {
    await parts.browser?.close().catch(() => undefined);
    await parts.server?.stop();
  };
  const removeSignalHandlers = exitOnSignals(cleanup);
  const consoleLogFile = path.join(opts.runDir, 'browser-console.log');
  let outcome: Outcome;
  try {
    outcome = await runInWorkbench(opts, parts, consoleLogFile);
  } finally {
    await cleanup();
    removeSignalHandlers();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[hearth] session: ${opts.name}`);
  if (fs.existsSync(opts.testLog)) process.stdout.write(fs.readFileSync(opts.testLog, 'utf8'));
  console.log(`[hearth] VS Code ${vscodeVersion(opts.build)} (code-server ${opts.build.codeServerVersion}), ${seconds} s from server start to exit`);
  const summary = readSummary(opts.summaryFile);
  if ('problem' in outcome) {
    console.error(`[hearth] session (${opts.name}) failed: ${outcome.problem}`);
    return summary ? { code: 1, summary } : { code: 1 };
  }
  if (!summary) {
    console.error(`[hearth] no summary was written (workbench exit code ${outcome.code}); the tests module did not run.`);
    printConsoleErrors(consoleLogFile);
    console.error(`[hearth] full browser console: ${path.relative(repoRoot, consoleLogFile)} (or rerun with HEARTH_DEBUG=1)`);
    return { code: 1 };
  }
  // HEARTH_GREP (a developer's shortcut) may select nothing in one session.
  if (summary.tests === 0 && !process.env.HEARTH_GREP) {
    console.error(`[hearth] no test ran (${opts.name})`);
    return { code: 1, summary };
  }
  return { code: summary.failures > 0 || outcome.code !== 0 ? 1 : 0, summary };
}

async function runInWorkbench(opts: TestSessionOptions, parts: { server?: CodeServer; browser?: Browser }, consoleLogFile: string): Promise<Outcome> {
  const server = await startCodeServer({
    build: opts.build,
    runDir: opts.runDir,
    workspaceTrust: opts.workspaceTrust ?? false,
    env: { ...opts.env, HEARTH_SUMMARY_FILE: opts.summaryFile, HEARTH_TEST_LOG: opts.testLog },
  });
  parts.server = server;
  console.log(`[hearth] code-server ${opts.build.codeServerVersion} on ${server.url} (run folder ${path.relative(repoRoot, opts.runDir)})`);
  const browser = await launchBrowser(opts.runDir);
  parts.browser = browser;
  const page = await browser.newPage();
  const closeConsoleLog = recordConsole(page, consoleLogFile);
  await enableSmokeTestDriver(page, server);
  opts.onPage?.(page);

  let settle: (o: Outcome) => void = () => undefined;
  const outcome = new Promise<Outcome>((resolve) => {
    const guard = setTimeout(() => resolve({ problem: `no result within ${overallTimeoutMs / 60_000} minutes` }), overallTimeoutMs);
    settle = (o) => {
      clearTimeout(guard);
      resolve(o);
    };
  });
  page.on('crash', () => settle({ problem: 'the workbench page crashed' }));
  browser.on('disconnected', () => settle({ problem: 'the browser went away' }));
  // Must exist before the workbench loads: it calls this when run() settles.
  await page.exposeFunction('codeAutomationExit', (code: unknown) => settle({ code: Number(code) }));
  // Only until the page's document is in: the workbench then loads on its
  // own, and `outcome` has the hang guard. On a loaded machine even that can
  // take over Playwright's default 30 s.
  await page.goto(
    workbenchUrl(server, {
      folder: server.workspaceDir,
      ...(opts.openWorkspace ? { workspace: opts.openWorkspace(server.workspaceDir) } : {}),
      extensionDevelopmentPath: opts.extensionDevelopmentPath,
      extensionTestsPath: opts.extensionTestsPath,
    }),
    { waitUntil: 'domcontentloaded', timeout: 5 * 60_000 },
  );
  const result = await outcome;
  if ('problem' in result) {
    await page.screenshot({ path: opts.failureScreenshot }).then(
      () => console.error(`[hearth] screenshot of the workbench: ${path.relative(repoRoot, opts.failureScreenshot)}`),
      () => undefined, // the browser is gone
    );
  }
  await closeConsoleLog();
  return result;
}

/** The page's errors, which is where a tests module that failed to load says why. */
function printConsoleErrors(consoleLogFile: string): void {
  if (!fs.existsSync(consoleLogFile)) return;
  const errors = fs
    .readFileSync(consoleLogFile, 'utf8')
    .split('\n')
    .filter((line) => /^\[(error|pageerror)\]/.test(line) && !knownNoise.some((re) => re.test(line)));
  for (const line of errors.slice(0, 20)) console.error(`  ${line.slice(0, 400)}`);
}

function readSummary(file: string): TestSummary | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as TestSummary;
  } catch {
    return undefined;
  }
}

/** One summary for a tier from its sessions' summaries. */
export function mergeSummaries(summaries: readonly TestSummary[]): TestSummary {
  const sum = (key: 'passes' | 'failures' | 'pending' | 'tests' | 'duration'): number => summaries.reduce((n, s) => n + s[key], 0);
  return {
    passes: sum('passes'),
    failures: sum('failures'),
    pending: sum('pending'),
    tests: sum('tests'),
    duration: sum('duration'),
    failed: summaries.flatMap((s) => s.failed),
  };
}

/** `file` with `.suffix` before its extension: `integration-summary.json` → `integration-summary.trusted.json`. */
export function withSuffix(file: string, suffix: string): string {
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${suffix}${ext}`;
}

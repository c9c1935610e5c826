// Runs the integration suites inside a real VS Code extension host, offline:
// code-server (from npm) serves VS Code, headless Chromium opens its workbench
// with Hearth as the development extension and out/integration/index.js as the
// tests module, and the workbench reports the result via `codeAutomationExit`.
//   npx tsx test/integration/runCodeServer.ts      (after `node esbuild.mjs --tests`)
// Environment: HEARTH_SUMMARY_FILE / HEARTH_TEST_LOG (defaults under test-results/),
// any other HEARTH_* is passed to the extension host (HEARTH_GREP=<regex> runs only
// the matching tests); HEARTH_DEBUG=1 prints the
// browser console and code-server's output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestSummary } from '../support/summaryReporter.cjs';
import {
  launchBrowser,
  newRunDir,
  pruneRunDirs,
  recordConsole,
  repoRoot,
  startCodeServer,
  vscodeVersion,
  workbenchUrl,
  type CodeServer,
} from '../support/codeServer';
import { exitOnSignals } from '../support/processes';

const overallTimeoutMs = 10 * 60_000; // hang guard only
const resultsDir = path.join(repoRoot, 'test-results');
const summaryFile = path.resolve(process.env.HEARTH_SUMMARY_FILE ?? path.join(resultsDir, 'integration-summary.json'));
const testLog = path.resolve(process.env.HEARTH_TEST_LOG ?? path.join(resultsDir, 'integration.log'));
const testsModule = path.join(repoRoot, 'out/integration/index.js');

/**
 * Two workbench sessions: most suites need a trusted workspace; the untrusted
 * ones need Workspace Trust on and a folder in Restricted Mode, which is a
 * start-up property of the workbench.
 */
interface Session {
  readonly name: string;
  readonly suiteDir: string;
  readonly workspaceTrust: boolean;
  readonly summaryFile: string;
  readonly testLog: string;
}

const sessions: readonly Session[] = [
  { name: 'trusted workspace', suiteDir: 'suite', workspaceTrust: false, summaryFile: withSuffix(summaryFile, 'trusted'), testLog: withSuffix(testLog, 'trusted') },
  { name: 'untrusted workspace', suiteDir: 'untrusted', workspaceTrust: true, summaryFile: withSuffix(summaryFile, 'untrusted'), testLog: withSuffix(testLog, 'untrusted') },
];

function withSuffix(file: string, suffix: string): string {
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${suffix}${ext}`;
}

let server: CodeServer | undefined;
let browser: Browser | undefined;
let consoleLogFile = '';

async function cleanup(): Promise<void> {
  await browser?.close().catch(() => undefined);
  await server?.stop();
}

/** What ended the session: the workbench's exit code, or why there is none. */
type Outcome = { code: number } | { problem: string };

async function runInWorkbench(session: Session): Promise<Outcome> {
  const runDir = `${newRunDir()}-${session.suiteDir}`;
  pruneRunDirs(10);
  server = await startCodeServer({
    runDir,
    workspaceTrust: session.workspaceTrust,
    env: { HEARTH_SUMMARY_FILE: session.summaryFile, HEARTH_TEST_LOG: session.testLog, HEARTH_SUITE_DIR: session.suiteDir },
  });
  console.log(`[hearth] code-server on ${server.url} (run folder ${path.relative(repoRoot, runDir)})`);
  browser = await launchBrowser(runDir);
  const page = await browser.newPage();

  consoleLogFile = path.join(runDir, 'browser-console.log');
  const closeConsoleLog = recordConsole(page, consoleLogFile);

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
  await page.goto(
    workbenchUrl(server, { folder: server.workspaceDir, extensionDevelopmentPath: repoRoot, extensionTestsPath: testsModule }),
    // The result comes through codeAutomationExit; on a loaded machine the workbench's load event can take longer than Playwright's 30 s default.
    { timeout: overallTimeoutMs },
  );
  const result = await outcome;
  if ('problem' in result) {
    const shot = path.join(resultsDir, 'integration-failure.png');
    await page.screenshot({ path: shot }).then(
      () => console.error(`[hearth] screenshot of the workbench: ${path.relative(repoRoot, shot)}`),
      () => undefined, // the browser is gone
    );
  }
  await closeConsoleLog();
  return result;
}

/** Offline lookups and missing optional assets fail in every run; they explain nothing. */
const knownNoise = [/Failed to load resource/, /authentication provider/, /open-vsx|marketplace|gallery/i];

/** The page's errors, which is where a tests module that failed to load says why. */
function printConsoleErrors(): void {
  if (!consoleLogFile || !fs.existsSync(consoleLogFile)) return;
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

/** One session: its log, and 0 when it ran tests and all passed. */
async function runSession(session: Session): Promise<{ code: number; summary?: TestSummary }> {
  fs.rmSync(session.summaryFile, { force: true });
  fs.rmSync(session.testLog, { force: true });
  const started = Date.now();
  let outcome: Outcome;
  try {
    outcome = await runInWorkbench(session);
  } finally {
    await cleanup();
    server = undefined;
    browser = undefined;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[hearth] session: ${session.name}`);
  if (fs.existsSync(session.testLog)) process.stdout.write(fs.readFileSync(session.testLog, 'utf8'));
  console.log(`[hearth] VS Code ${vscodeVersion()} (code-server), ${seconds} s from server start to exit`);
  const summary = readSummary(session.summaryFile);
  if ('problem' in outcome) {
    console.error(`[hearth] integration run (${session.name}) failed: ${outcome.problem}`);
    return summary ? { code: 1, summary } : { code: 1 };
  }
  if (!summary) {
    console.error(`[hearth] no summary was written (workbench exit code ${outcome.code}); the tests module did not run.`);
    printConsoleErrors();
    console.error(`[hearth] full browser console: ${path.relative(repoRoot, consoleLogFile)} (or rerun with HEARTH_DEBUG=1)`);
    return { code: 1 };
  }
  if (summary.tests === 0) {
    console.error(`[hearth] no integration test ran (${session.name})`);
    return { code: 1, summary };
  }
  return { code: summary.failures > 0 || outcome.code !== 0 ? 1 : 0, summary };
}

async function main(): Promise<number> {
  if (!fs.existsSync(testsModule)) {
    console.error(`[hearth] ${path.relative(repoRoot, testsModule)} is missing: run \`node esbuild.mjs --tests\` first`);
    return 1;
  }
  // A summary left over from an earlier run must not pass for this one.
  fs.rmSync(summaryFile, { force: true });
  fs.rmSync(testLog, { force: true });
  fs.rmSync(path.join(resultsDir, 'integration-failure.png'), { force: true });
  fs.mkdirSync(resultsDir, { recursive: true });

  let code = 0;
  const summaries: TestSummary[] = [];
  for (const session of sessions) {
    const result = await runSession(session);
    code = Math.max(code, result.code);
    if (result.summary) summaries.push(result.summary);
  }
  // The orchestrator reads one summary for the tier: the sessions' sum.
  if (summaries.length === sessions.length) {
    const merged: TestSummary = {
      passes: sum(summaries, 'passes'),
      failures: sum(summaries, 'failures'),
      pending: sum(summaries, 'pending'),
      tests: sum(summaries, 'tests'),
      duration: sum(summaries, 'duration'),
      failed: summaries.flatMap((s) => s.failed),
    };
    fs.writeFileSync(summaryFile, JSON.stringify(merged, null, 2));
    fs.writeFileSync(testLog, sessions.map((s) => (fs.existsSync(s.testLog) ? fs.readFileSync(s.testLog, 'utf8') : '')).join('\n'));
  }
  return code;
}

function sum(summaries: readonly TestSummary[], key: 'passes' | 'failures' | 'pending' | 'tests' | 'duration'): number {
  return summaries.reduce((n, s) => n + s[key], 0);
}

exitOnSignals(cleanup);
main().then(
  (code) => process.exit(code),
  async (err: unknown) => {
    console.error('[hearth] integration runner failed:', err);
    await cleanup();
    process.exit(1);
  },
);

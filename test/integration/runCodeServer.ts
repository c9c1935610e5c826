// Runs the integration suites inside a real VS Code extension host, offline:
// code-server (from npm) serves VS Code, headless Chromium opens its workbench
// with Hearth as the development extension and out/integration/index.js as the
// tests module (test/support/testSession.ts).
//   npx tsx test/integration/runCodeServer.ts [--build current|oldest]   (after `node esbuild.mjs --tests`)
// --build picks the VS Code (scripts/vscode-builds.json): "current" (default),
// or "oldest", the one package.json's engines.vscode claims.
// Environment: HEARTH_SUMMARY_FILE / HEARTH_TEST_LOG (defaults under test-results/),
// any other HEARTH_* is passed to the extension host (HEARTH_GREP=<regex> runs only
// the matching tests); HEARTH_DEBUG=1 prints the
// browser console and code-server's output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestSummary } from '../support/summaryReporter.cjs';
import { newRunDir, pruneRunDirs } from '../support/codeServer';
import { mergeSummaries, runTestSession, withSuffix } from '../support/testSession';
import { assertOldestMatchesEngines, isVscodeBuildName, repoRoot, vscodeBuild, type VscodeBuildName } from '../support/vscodeBuilds';

const resultsDir = path.join(repoRoot, 'test-results');
const summaryFile = path.resolve(process.env.HEARTH_SUMMARY_FILE ?? path.join(resultsDir, 'integration-summary.json'));
const testLog = path.resolve(process.env.HEARTH_TEST_LOG ?? path.join(resultsDir, 'integration.log'));
const testsModule = path.join(repoRoot, 'out/integration/index.js');

/**
 * Three workbench sessions: most suites need a trusted workspace; the untrusted
 * ones need Workspace Trust on and a folder in Restricted Mode, and the
 * multi-root ones a window opened on a .code-workspace: both are start-up
 * properties of the workbench (adding a folder later reloads the window).
 */
const sessions: readonly { name: string; suiteDir: string; workspaceTrust: boolean; multiRoot?: boolean }[] = [
  { name: 'trusted workspace', suiteDir: 'suite', workspaceTrust: false },
  { name: 'untrusted workspace', suiteDir: 'untrusted', workspaceTrust: true },
  { name: 'multi-root workspace', suiteDir: 'multiroot', workspaceTrust: false, multiRoot: true },
];

/** A `.code-workspace` listing a copy of test/fixtures/second-folder first and the session's folder second. */
function multiRootWorkspace(runDir: string, workspaceDir: string): string {
  const second = path.join(runDir, 'second-folder');
  fs.cpSync(path.join(repoRoot, 'test/fixtures/second-folder'), second, { recursive: true });
  const file = path.join(runDir, 'multi-root.code-workspace');
  fs.writeFileSync(file, JSON.stringify({ folders: [{ path: second }, { path: workspaceDir }] }, null, 2));
  return file;
}

function buildArg(argv: readonly string[]): VscodeBuildName {
  const i = argv.indexOf('--build');
  const name = i >= 0 ? argv[i + 1] : 'current';
  if (name === undefined || !isVscodeBuildName(name)) throw new Error(`--build takes current or oldest, not ${name ?? 'nothing'}`);
  return name;
}

async function main(): Promise<number> {
  if (!fs.existsSync(testsModule)) {
    console.error(`[hearth] ${path.relative(repoRoot, testsModule)} is missing: run \`node esbuild.mjs --tests\` first`);
    return 1;
  }
  const build = vscodeBuild(buildArg(process.argv.slice(2)));
  if (build.name === 'oldest') assertOldestMatchesEngines();
  // A summary left over from an earlier run must not pass for this one.
  fs.rmSync(summaryFile, { force: true });
  fs.rmSync(testLog, { force: true });
  fs.mkdirSync(resultsDir, { recursive: true });

  let code = 0;
  const summaries: TestSummary[] = [];
  const logs: string[] = [];
  for (const session of sessions) {
    pruneRunDirs(10);
    const log = withSuffix(testLog, session.suiteDir);
    const runDir = `${newRunDir()}-${session.suiteDir}`;
    const result = await runTestSession({
      name: `${session.name}, ${build.name} VS Code`,
      build,
      runDir,
      workspaceTrust: session.workspaceTrust,
      ...(session.multiRoot ? { openWorkspace: (workspaceDir: string) => multiRootWorkspace(runDir, workspaceDir) } : {}),
      env: { HEARTH_SUITE_DIR: session.suiteDir },
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsModule,
      summaryFile: withSuffix(summaryFile, session.suiteDir),
      testLog: log,
      failureScreenshot: path.join(resultsDir, `${path.basename(summaryFile, '.json')}-${session.suiteDir}-failure.png`),
    });
    code = Math.max(code, result.code);
    if (result.summary) summaries.push(result.summary);
    logs.push(log);
  }
  // The orchestrator reads one summary for the tier: the sessions' sum.
  if (summaries.length === sessions.length) {
    fs.writeFileSync(summaryFile, JSON.stringify(mergeSummaries(summaries), null, 2));
    fs.writeFileSync(testLog, logs.map((f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '')).join('\n'));
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('[hearth] integration runner failed:', err);
    process.exit(1);
  },
);

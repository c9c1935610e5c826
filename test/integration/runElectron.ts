// Runs the same integration suites in VS Code desktop (Electron) through
// @vscode/test-electron. It downloads VS Code from Microsoft's update servers
// unless VSCODE_EXECUTABLE names an installed `code` binary, so it is for
// machines with internet or a local VS Code; `npm test` uses runCodeServer.ts.
//   npm run test:integration:electron
//   VSCODE_EXECUTABLE=/usr/share/code/code npm run test:integration:electron
// On a Linux machine without a display: `xvfb-run -a npm run test:integration:electron`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import type { TestSummary } from '../support/summaryReporter.cjs';
import { fixtureWorkspace, newRunDir, pruneRunDirs, quietSettings, repoRoot } from '../support/codeServer';

const resultsDir = path.join(repoRoot, 'test-results');
const summaryFile = path.resolve(process.env.HEARTH_SUMMARY_FILE ?? path.join(resultsDir, 'integration-summary.json'));
const testLog = path.resolve(process.env.HEARTH_TEST_LOG ?? path.join(resultsDir, 'integration.log'));
const testsModule = path.join(repoRoot, 'out/integration/index.js');

async function main(): Promise<number> {
  if (!fs.existsSync(testsModule)) {
    console.error(`[hearth] ${path.relative(repoRoot, testsModule)} is missing: run \`node esbuild.mjs --tests\` first`);
    return 1;
  }
  fs.rmSync(summaryFile, { force: true });
  fs.rmSync(testLog, { force: true });

  // The same isolation as the code-server runner: a fresh profile with quiet
  // settings, and a copy of the fixture workspace the tests may modify.
  const runDir = newRunDir();
  pruneRunDirs();
  const userData = path.join(runDir, 'user-data');
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(quietSettings, null, 2) + '\n');
  fs.cpSync(fixtureWorkspace, workspace, { recursive: true });

  const executable = process.env.VSCODE_EXECUTABLE;
  let exitCode: number;
  try {
    exitCode = await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : {}),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsModule,
      // Any HEARTH_* of the caller is inherited; these two tell the in-host
      // runner where to write.
      extensionTestsEnv: { HEARTH_SUMMARY_FILE: summaryFile, HEARTH_TEST_LOG: testLog },
      launchArgs: [
        workspace,
        `--user-data-dir=${userData}`,
        `--extensions-dir=${path.join(runDir, 'extensions')}`,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } catch (err) {
    // runTests rejects when VS Code exits non-zero (failed tests) or cannot start.
    console.error(`[hearth] VS Code run failed: ${String(err)}`);
    exitCode = 1;
  }

  if (fs.existsSync(testLog)) process.stdout.write(fs.readFileSync(testLog, 'utf8'));
  let summary: TestSummary | undefined;
  try {
    summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as TestSummary;
  } catch {
    console.error('[hearth] no summary was written: the tests module did not run');
    return 1;
  }
  if (summary.tests === 0) {
    console.error('[hearth] no integration test ran');
    return 1;
  }
  return summary.failures > 0 || exitCode !== 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('[hearth] electron runner failed:', err);
    process.exit(1);
  },
);

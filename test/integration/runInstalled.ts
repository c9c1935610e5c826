// Tests Hearth as a user installs it: `code-server --install-extension
// hearth-<version>.vsix` into a fresh profile (its own extensions folder),
// then the smoke suite in test/integration/installed/ inside that VS Code.
//   npx tsx test/integration/runInstalled.ts [--build current|oldest] [--vsix FILE]
// (after `npm run package` and `node esbuild.mjs --tests`)
//
// How the suite runs beside an installed extension: the workbench runs a
// tests module only for an extension development session, so the session's
// development extension is test/integration/installed/runner/, a test-only
// extension with no code and another id. Hearth itself is not on any
// development path: the only Hearth the host can load is the installed one,
// and the suite checks it was loaded from the profile's extensions folder.
// The browser's view of the webview's requests (a 404 for a file the package
// lacks) is recorded here and read by the suite (installed/webviewRequests.ts).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isolatedEnv, newRunDir, profileDirs, pruneRunDirs, serverEnv } from '../support/codeServer';
import { runTestSession } from '../support/testSession';
import { assertCodeServerInstalled, codeServerEntry, isVscodeBuildName, repoRoot, vscodeBuild, type VscodeBuild } from '../support/vscodeBuilds';
import { recordWebviewRequests, webviewRequestsEnv } from './installed/webviewRequests';

const resultsDir = path.join(repoRoot, 'test-results');
const summaryFile = path.resolve(process.env.HEARTH_SUMMARY_FILE ?? path.join(resultsDir, 'installed-summary.json'));
const testLog = path.resolve(process.env.HEARTH_TEST_LOG ?? path.join(resultsDir, 'installed.log'));
const testsModule = path.join(repoRoot, 'out/integration/index.js');
const runnerExtension = path.join(repoRoot, 'test/integration/installed/runner');

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** `code-server --install-extension FILE`, as the README tells users, into this run's profile. */
function installExtension(build: VscodeBuild, vsix: string, runDir: string): string {
  const dirs = profileDirs(runDir);
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  const args = ['--install-extension', vsix, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData];
  console.log(`[hearth] $ code-server ${args.map((a) => (a.startsWith(repoRoot) ? path.relative(repoRoot, a) : a)).join(' ')}`);
  const result = spawnSync(build.node, [codeServerEntry(build), ...args], {
    cwd: runDir,
    env: { ...serverEnv(), ...isolatedEnv(dirs) },
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`.split('\n').filter((l) => l.trim() !== '' && !/i18next|locize/i.test(l));
  for (const line of output) console.log(`  ${line}`);
  if (result.status !== 0) throw new Error(`code-server --install-extension failed (exit ${result.status ?? result.signal})`);
  return dirs.extensions;
}

async function main(argv: string[]): Promise<number> {
  const buildName = option(argv, '--build') ?? 'current';
  if (!isVscodeBuildName(buildName)) throw new Error(`--build takes current or oldest, not ${buildName}`);
  const build = vscodeBuild(buildName);
  assertCodeServerInstalled(build);
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
  const vsix = path.resolve(option(argv, '--vsix') ?? path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`));
  for (const [file, how] of [
    [vsix, 'npm run package'],
    [testsModule, 'node esbuild.mjs --tests'],
  ] as const) {
    if (!fs.existsSync(file)) {
      console.error(`[hearth] ${path.relative(repoRoot, file)} is missing: run \`${how}\` first`);
      return 1;
    }
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  pruneRunDirs(10);
  const runDir = `${newRunDir()}-installed`;
  const extensionsDir = installExtension(build, vsix, runDir);
  const installed = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  if (!fs.existsSync(path.join(installed, 'package.json'))) {
    console.error(`[hearth] the install left no ${path.relative(repoRoot, installed)}/package.json`);
    return 1;
  }
  const requestsFile = path.join(runDir, 'webview-requests.jsonl');
  const result = await runTestSession({
    name: `Hearth installed from ${path.basename(vsix)}, ${build.name} VS Code`,
    build,
    runDir,
    env: {
      HEARTH_SUITE_DIR: 'installed',
      HEARTH_INSTALLED_EXTENSIONS_DIR: extensionsDir,
      HEARTH_EXPECTED_VERSION: manifest.version,
      ...webviewRequestsEnv(requestsFile),
    },
    extensionDevelopmentPath: runnerExtension,
    extensionTestsPath: testsModule,
    summaryFile,
    testLog,
    onPage: (page) => recordWebviewRequests(page, requestsFile),
    failureScreenshot: path.join(resultsDir, `${path.basename(summaryFile, '.json')}-failure.png`),
  });
  return result.code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('[hearth] installed-VSIX runner failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

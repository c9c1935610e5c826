// `npm test`: runs the test tiers in order and ends with one line CI can parse.
//   node scripts/test.mjs [static|unit|webview|integration|e2e]...   (no tier = all)
// Tiers: static (typecheck + lint), unit (plain mocha), webview (the built
// webview bundle in headless Chromium: XSS battery, chat UI), integration (mocha
// inside a real VS Code extension host, via code-server), e2e (Playwright
// against the real workbench). The build runs before webview/integration/e2e,
// the code-server install before integration/e2e. The integration tier runs on
// two VS Code builds (scripts/vscode-builds.json: the current one and the
// oldest that package.json's engines.vscode claims), and also packages Hearth
// (npm run package) and runs a smoke suite against it installed from the VSIX
// on both. Dependencies are installed first when node_modules is missing or
// stale (scripts/ensureDependencies.mjs). Every mocha tier writes test-results/<tier>-summary.json
// through test/support/summaryReporter.cjs; a tier fails when its command fails,
// it wrote no summary, or it ran no test. The last line is always
//   Total: N passed, N failed, N skipped
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies, staleReason } from './ensureDependencies.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
const reporter = join(root, 'test/support/summaryReporter.cjs');
const mochaBin = join(root, 'node_modules/mocha/bin/mocha.js');
const tiers = ['static', 'unit', 'webview', 'integration', 'e2e'];

const args = process.argv.slice(2);
const unknown = args.filter((a) => !tiers.includes(a));
if (unknown.length > 0) {
  console.error(`unknown tier(s): ${unknown.join(', ')}\nusage: node scripts/test.mjs [${tiers.join('|')}]...`);
  process.exit(2);
}
const selected = new Set(args.length > 0 ? args : tiers);
const needsWorkbench = selected.has('integration') || selected.has('e2e');
const needsBuild = needsWorkbench || selected.has('webview');

/** A step's outcome; `summary` only for mocha tiers. */
const rows = [];
let current; // the running child, to forward SIGTERM to
let interrupted = false;
/** Set when the dependencies could not be installed: nothing else can run. */
let halted = false;
const notRunStatus = () => (halted ? 'FAIL (not run: dependencies not installed)' : 'not run');

// Ctrl+C reaches the running child directly (same process group): let it clean
// up code-server and Chromium, then report what ran. SIGTERM (e.g. from CI) is
// sent to us only, so pass it on.
process.on('SIGINT', () => {
  interrupted = true;
});
process.on('SIGTERM', () => {
  interrupted = true;
  current?.kill('SIGTERM');
});

function run(command, commandArgs, env = {}) {
  const shown = [command, ...commandArgs].map((a) => (a === process.execPath ? 'node' : a.startsWith(root + '/') ? relative(root, a) : a));
  console.log(`\n[hearth] $ ${shown.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    current = child;
    child.on('error', (err) => {
      console.error(`[hearth] could not run ${command}: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      current = undefined;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

async function step(name, command, commandArgs) {
  if (interrupted || halted) {
    rows.push({ name, status: notRunStatus() });
    return false;
  }
  const started = Date.now();
  const code = await run(command, commandArgs);
  rows.push({ name, status: code === 0 ? 'ok' : `FAIL (exit ${code})`, seconds: (Date.now() - started) / 1000 });
  return code === 0;
}

/** `label` names the row (default `name`); `name` names the summary file. */
async function mochaTier(name, command, commandArgs, extraEnv = {}, label = name) {
  if (interrupted || halted) {
    rows.push({ name: label, status: notRunStatus() });
    return;
  }
  const summaryFile = join(results, `${name}-summary.json`);
  // A stale summary must not count for this run.
  rmSync(summaryFile, { force: true });
  const started = Date.now();
  const code = await run(command, commandArgs, { HEARTH_SUMMARY_FILE: summaryFile, ...extraEnv });
  const seconds = (Date.now() - started) / 1000;
  let summary;
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    summary = undefined;
  }
  let status = 'ok';
  if (!summary) status = `FAIL (no summary, exit ${code})`;
  else if (summary.failures > 0) status = 'FAIL';
  else if (summary.tests === 0) status = 'FAIL (no tests ran)';
  else if (code !== 0) status = `FAIL (exit ${code})`;
  rows.push({ name: label, status, seconds, summary });
}

function notRun(name, why) {
  rows.push({ name, status: `FAIL (not run: ${why})` });
}

/** The VS Code version of an installed build ("current"/"oldest"), for the table. */
function vscodeVersionOf(build) {
  try {
    const dir = JSON.parse(readFileSync(join(root, 'scripts/vscode-builds.json'), 'utf8'))[build].dir;
    return JSON.parse(readFileSync(join(root, '.vscode-test', dir, 'node_modules/code-server/lib/vscode/package.json'), 'utf8')).version;
  } catch {
    return build;
  }
}

mkdirSync(results, { recursive: true });
const tsx = ['--import', 'tsx'];

// Nothing below runs without node_modules; on a fresh clone this is `npm ci`.
if (staleReason(root)) {
  const started = Date.now();
  const ok = ensureDependencies(root);
  rows.push({ name: 'dependencies', status: ok ? 'ok' : 'FAIL', seconds: (Date.now() - started) / 1000 });
  halted = !ok;
}

if (selected.has('static')) {
  await step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
  await step('lint', 'npm', ['run', '--silent', 'lint']);
}
// The package first: it builds the production bundles into a clean dist/,
// which the development build below then replaces for the other tiers.
const packaged = selected.has('integration') ? await step('package', process.execPath, [join(root, 'scripts/package.mjs')]) : true;
// esbuild never deletes outputs: clear out/ so a removed suite cannot run stale.
if (needsWorkbench) rmSync(join(root, 'out/integration'), { recursive: true, force: true });
const built = needsBuild ? await step('build', process.execPath, [join(root, 'esbuild.mjs'), ...(needsWorkbench ? ['--tests'] : [])]) : true;
if (selected.has('unit')) {
  await mochaTier('unit', process.execPath, [mochaBin, '--reporter', reporter]);
}
// The same script installs Debian's chromium, which the webview tier drives too.
const needsInstall = needsWorkbench || (selected.has('webview') && !existsSync('/usr/bin/chromium'));
// The oldest VS Code only for the integration tier; e2e runs on the current one.
const builds = selected.has('integration') ? ['current', 'oldest'] : ['current'];
const installed = needsInstall ? await step('code-server', 'bash', [join(root, 'scripts/ensure-code-server.sh'), ...builds]) : true;
const ready = built && installed;
const why = !built ? 'build failed' : 'code-server install failed';
if (selected.has('webview')) {
  if (ready) {
    const webviewArgs = ['--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '120000', '--reporter', reporter];
    await mochaTier('webview', process.execPath, [mochaBin, ...webviewArgs, 'test/webview/**/*.webview.ts']);
  } else notRun('webview', why);
}
if (selected.has('integration')) {
  for (const build of builds) {
    const suffix = build === 'current' ? '' : `-${build}`;
    const version = `VS Code ${vscodeVersionOf(build)}`;
    if (ready) {
      await mochaTier(`integration${suffix}`, process.execPath, [...tsx, join(root, 'test/integration/runCodeServer.ts'), '--build', build], {
        HEARTH_TEST_LOG: join(results, `integration${suffix}.log`),
      }, `integration (${version})`);
    } else notRun(`integration (${version})`, why);
    if (ready && packaged) {
      await mochaTier(`installed${suffix}`, process.execPath, [...tsx, join(root, 'test/integration/runInstalled.ts'), '--build', build], {
        HEARTH_TEST_LOG: join(results, `installed${suffix}.log`),
      }, `installed VSIX (${version})`);
    } else notRun(`installed VSIX (${version})`, packaged ? why : 'npm run package failed');
  }
}
if (selected.has('e2e')) {
  if (ready) {
    const e2eArgs = ['--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '300000', '--reporter', reporter];
    await mochaTier('e2e', process.execPath, [mochaBin, ...e2eArgs, 'test/e2e/**/*.e2e.ts']);
  } else notRun('e2e', why);
}

// Final report.
let passed = 0;
let failed = 0;
let skipped = 0;
const table = [['step', 'result', 'passed', 'failed', 'skipped', 'time']];
for (const row of rows) {
  const s = row.summary;
  passed += s?.passes ?? 0;
  failed += s?.failures ?? 0;
  skipped += s?.pending ?? 0;
  table.push([
    row.name,
    row.status,
    s ? String(s.passes) : '',
    s ? String(s.failures) : '',
    s ? String(s.pending) : '',
    row.seconds === undefined ? '' : `${row.seconds.toFixed(1)} s`,
  ]);
}
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
console.log('\n' + table.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n'));
for (const row of rows) {
  for (const f of row.summary?.failed ?? []) console.log(`  ✗ [${row.name}] ${f.title}: ${f.error.split('\n')[0]}`);
}
const ok = !interrupted && rows.every((r) => r.status === 'ok');
for (const tier of ['webview', 'e2e']) {
  if (selected.has(tier) && existsSync(join(results, tier))) console.log(`Screenshots: ${relative(root, join(results, tier))}/`);
}
console.log(ok ? 'Result: PASSED' : interrupted ? 'Result: INTERRUPTED' : 'Result: FAILED');
console.log(`Total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = ok ? 0 : interrupted ? 130 : 1;

// Entry point the extension host loads as `extensionTestsPath`: runs the mocha
// suites in out/integration/suite/ inside the real VS Code. Bundled by
// `node esbuild.mjs --tests`; mocha stays external so it can load the suite
// files by path. The same file serves the code-server and Electron runners.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import Mocha from 'mocha';
import { SummaryReporter } from '../support/summaryReporter.cjs';

export async function run(): Promise<void> {
  // The acceptance log must name the VS Code that ran the suites.
  const banner = `[hearth] extension host: VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}), Node ${process.version}`;
  console.log(banner);
  const logFile = process.env.HEARTH_TEST_LOG;
  if (logFile) {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    fs.appendFileSync(logFile, banner + '\n');
  }

  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: SummaryReporter });
  // HEARTH_GREP runs only the tests whose full title matches (a developer's shortcut;
  // npm test and CI never set it).
  if (process.env.HEARTH_GREP) mocha.grep(process.env.HEARTH_GREP);
  // HEARTH_SUITE_DIR picks the session's suites: 'suite' (trusted workspace) or
  // 'untrusted' (a session whose workspace is in Restricted Mode).
  const suiteDir = path.join(__dirname, process.env.HEARTH_SUITE_DIR ?? 'suite');
  for (const file of fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(suiteDir, file));
  }

  // A synchronous throw from run() (a suite that fails to load) rejects this promise.
  const { failures, total } = await new Promise<{ failures: number; total: number }>((resolve) => {
    const runner = mocha.run((failures) => resolve({ failures, total: runner.total }));
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
  if (total === 0 && !process.env.HEARTH_GREP) throw new Error('no integration test ran');
}

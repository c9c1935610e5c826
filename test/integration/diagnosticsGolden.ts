// Golden diagnostics reports from the stand-in scenarios, compared inside VS Code.
// HEARTH_UPDATE_GOLDENS=1 npm run test:integration rewrites them from the current
// output: review the diff before committing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HearthApi } from '../../src/hearthApi';
import { toInstructionsSummary } from '../../src/features/instructions/instructionsSummary';

function goldenDir(): string {
  const ext = vscode.extensions.getExtension('hearth.hearth');
  assert.ok(ext, 'Hearth is installed');
  return path.join(ext.extensionPath, 'test/fixtures/diagnostics/stand-in');
}

/**
 * What varies between runs, masked: the versions line, the stand-in's port and
 * the measured durations (the stand-in's latency is real time). The statuses,
 * checks, sizes and fixes stay as they are.
 */
export function normalizeReport(markdown: string): string {
  return markdown
    .replace(/^Hearth .+ · VS Code .+ · .+$/m, 'Hearth <version> · VS Code <version> · <os>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(
      /Load [\d.]+ m?s, first token after [\d.]+ m?s \([\d.]+ m?s once loaded\), [\d.]+ tokens\/s/g,
      'Load <t>, first token after <t> (<t> once loaded), <n> tokens/s',
    );
}

export function assertMatchesGolden(name: string, markdown: string): void {
  const file = path.join(goldenDir(), `${name}.md`);
  const actual = normalizeReport(markdown);
  if (process.env.HEARTH_UPDATE_GOLDENS === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  assert.ok(fs.existsSync(file), `golden ${file} exists (HEARTH_UPDATE_GOLDENS=1 writes it)`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `diagnostics report for "${name}" differs from ${path.relative(process.cwd(), file)}`);
}

/**
 * The workspace's README.md as the active file, so the instructions in effect
 * are the same in every run (no AGENTS.md applies to it). Hearth keeps the last
 * editor's chain when editors close, so one must be opened.
 */
export async function settleOnReadme(api: HearthApi, timeoutMs = 10_000): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, 'README.md'));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const summary = toInstructionsSummary(api.instructions.state);
    if (summary.status === 'ready' && summary.forFile === 'README.md') return;
    if (Date.now() > deadline) assert.fail(`instructions did not settle on README.md: ${JSON.stringify(summary).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

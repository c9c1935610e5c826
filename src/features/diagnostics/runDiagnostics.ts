import * as vscode from 'vscode';
import type { DiagnosticsReport } from '../../core/diagnostics/diagnosticsReport';
import { summary } from '../../core/diagnostics/renderDiagnostics';
import { abortSignalFrom } from '../../vscode/cancellation';

/**
 * `hearth.runDiagnostics`: runs behind a cancellable notification (Cancel
 * closes the requests in flight), then shows the report as a Markdown preview
 * and offers to copy it for a bug report. The view shows the same report.
 * Returns the report, or undefined when cancelled.
 */
export async function runDiagnostics(runner: DiagnosticsRunnerLike): Promise<DiagnosticsReport | undefined> {
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Hearth: running diagnostics', cancellable: true },
    async (progress, token) => {
      const link = abortSignalFrom(token);
      try {
        return await runner.run(link.signal, (step) => progress.report({ message: step }));
      } finally {
        link.dispose();
      }
    },
  );
  if (!report) {
    vscode.window.setStatusBarMessage('Hearth: diagnostics cancelled', 4000);
    return undefined;
  }
  await showReport(report);
  offerCopy(report);
  return report;
}

/** What runDiagnostics needs of the DiagnosticsRunner. */
export interface DiagnosticsRunnerLike {
  run(signal?: AbortSignal, onStep?: (step: string) => void): Promise<DiagnosticsReport | undefined>;
}

/** Opens the report as a Markdown document, with its preview when the Markdown extension is on. */
export async function showReport(report: DiagnosticsReport): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: report.markdown });
  await vscode.window.showTextDocument(doc, { preview: true });
  try {
    await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
  } catch {
    // The built-in Markdown extension can be disabled; the source stays readable.
  }
}

export async function copyReport(report: DiagnosticsReport): Promise<void> {
  await vscode.env.clipboard.writeText(report.markdown);
  vscode.window.setStatusBarMessage('Hearth: diagnostics report copied as Markdown', 4000);
}

function offerCopy(report: DiagnosticsReport): void {
  const problems = report.checks.some((c) => c.status === 'fail' || c.status === 'warn');
  const show = problems ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const copy = 'Copy as Markdown';
  // Not awaited: the command finishes while the notification waits for the user.
  void show(`Hearth diagnostics: ${summary(report.checks)}.`, copy).then(async (choice) => {
    if (choice === copy) await copyReport(report);
  });
}

/** What a bug report needs to know about this setup; the core renderer takes it as given. */
export function aboutThisSetup(): string[] {
  const version = (vscode.extensions.getExtension('hearth.hearth')?.packageJSON as { version?: string } | undefined)?.version;
  return [`Hearth ${version ?? '?'}`, `VS Code ${vscode.version}`, `${process.platform} ${process.arch}`];
}

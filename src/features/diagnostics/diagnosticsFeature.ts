import * as vscode from 'vscode';
import { DiagnosticsRunner } from '../../core/diagnostics/diagnosticsRunner';
import type { DiagnosticsDeps } from '../../core/diagnostics/diagnosticsReport';
import type { WebviewHandlers } from '../../core/panel/webviewHandlers';
import { copyReport, runDiagnostics, showReport } from './runDiagnostics';

/**
 * Diagnostics: one run at a time for the command and the Status tab alike,
 * the last report kept for the tab (copied or opened from there).
 */
export class DiagnosticsFeature implements vscode.Disposable {
  readonly runner: DiagnosticsRunner;
  private readonly disposables: vscode.Disposable[];

  constructor(deps: DiagnosticsDeps) {
    this.runner = new DiagnosticsRunner(deps);
    this.disposables = [this.runner, vscode.commands.registerCommand('hearth.runDiagnostics', () => runDiagnostics(this.runner))];
  }

  get messages(): WebviewHandlers<'diagnostics'> {
    return {
      diagnostics: async ({ action }) => {
        const runner = this.runner;
        switch (action) {
          case 'run':
            await runner.run();
            return;
          case 'cancel':
            runner.cancel();
            return;
          case 'copy':
            if (runner.lastReport) await copyReport(runner.lastReport);
            return;
          case 'open':
            if (runner.lastReport) await showReport(runner.lastReport);
            return;
          default: {
            const unreachable: never = action;
            throw new Error(`unknown diagnostics action ${String(unreachable)}`);
          }
        }
      },
    };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

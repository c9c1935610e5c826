import * as vscode from 'vscode';
import type { ConnectionMonitor } from '../connection/connectionMonitor';
import { pullModelCommand } from '../models/pullModelCommand';
import { runDiagnostics } from './runDiagnostics';
import type { DiagnosticsDeps } from './runDiagnostics';

export interface DiagnosticsCommandDeps extends DiagnosticsDeps {
  readonly monitor: ConnectionMonitor;
}

/**
 * `hearth.runDiagnostics` and `hearth.pullModel`, registered together because
 * the report's fixes point at pulling (category "Hearth" in package.json).
 */
export function registerDiagnostics(deps: DiagnosticsCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('hearth.runDiagnostics', () => runDiagnostics(deps)),
    vscode.commands.registerCommand('hearth.pullModel', pullModelCommand(deps)),
  ];
}

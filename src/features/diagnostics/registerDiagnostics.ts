import * as vscode from 'vscode';
import type { ModelPulls } from '../models/modelPulls';
import { pullModelCommand } from '../models/pullModelCommand';
import type { PullModelCommandDeps } from '../models/pullModelCommand';
import type { DiagnosticsRunner } from '../../core/diagnostics/diagnosticsRunner';
import { runDiagnostics } from './runDiagnostics';

export interface DiagnosticsCommandDeps extends PullModelCommandDeps {
  readonly diagnostics: DiagnosticsRunner;
  readonly pulls: ModelPulls;
}

/**
 * `hearth.runDiagnostics` and `hearth.pullModel`, registered together because
 * the report's fixes point at pulling (category "Hearth" in package.json).
 */
export function registerDiagnostics(deps: DiagnosticsCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('hearth.runDiagnostics', () => runDiagnostics(deps.diagnostics)),
    vscode.commands.registerCommand('hearth.pullModel', pullModelCommand(deps)),
  ];
}

import * as vscode from 'vscode';
import { offeredPulls } from '../../core/setup/setupSummary';
import type { SetupSummary } from '../../shared/protocol';
import type { Logger } from '../../core/logger';
import type { DiagnosticsRunner } from '../diagnostics/diagnosticsRunner';
import { copyReport, showReport } from '../diagnostics/runDiagnostics';
import type { InstructionsService } from '../instructions/instructionsService';
import type { LoadedModels } from '../models/loadedModels';
import type { ModelPulls } from '../models/modelPulls';
import type { StatusTabFocus } from '../setup/statusTabFocus';
import { ConfinedFolder } from '../../vscode/confinement/confinedFolder';
import { runFailureAction } from '../../vscode/failureActions';
import { updateUserSetting } from '../../vscode/settings';
import type { PanelHandlers } from './hearthViewProvider';

export interface PanelHandlerDeps {
  readonly instructions: InstructionsService;
  readonly setup: () => SetupSummary;
  readonly pulls: ModelPulls;
  readonly loaded: LoadedModels;
  readonly diagnostics: DiagnosticsRunner;
  readonly focus: StatusTabFocus;
  readonly log: Logger;
}

const OLLAMA_DOWNLOAD = 'https://ollama.com/download';
const WALKTHROUGH = 'hearth.hearth#setup';

/** What the Hearth view's buttons do, on the host side. The webview is untrusted: names are checked against what it was shown. */
export function panelHandlers(deps: PanelHandlerDeps): PanelHandlers {
  const { instructions, pulls, diagnostics } = deps;
  return {
    viewReady: () => {
      deps.focus.viewReady(deps.setup());
      // The view shows what is loaded: have it fresh when someone looks.
      void deps.loaded.refresh();
    },
    retry: async () => vscode.commands.executeCommand('hearth.retryConnection'),
    refreshModels: async () => {
      await Promise.all([vscode.commands.executeCommand('hearth.refreshModels'), deps.loaded.refresh()]);
    },
    setModel: (role, model) => updateUserSetting(role === 'completion' ? 'completion.model' : 'chat.model', model),
    runAction: (action) => runFailureAction(action),
    openInstructionFile: async (path) => {
      const state = instructions.state;
      // The webview is untrusted: it may only open a file it was shown.
      if (state.status !== 'ready' || !state.resolved.files.some((f) => f.relPath === path)) return;
      // A listed file may be a link out of the folder (listed as not used): never open its target.
      const found = await ConfinedFolder.of(state.folder.uri).resolve(path);
      if (found.kind !== 'file') return void vscode.window.showWarningMessage(`Hearth: ${path} is not opened: ${found.kind === 'refused' ? found.reason : 'it is gone'}.`);
      await vscode.window.showTextDocument(vscode.Uri.joinPath(state.folder.uri, ...path.split('/')), { preview: true });
    },
    manageTrust: async () => {
      await vscode.commands.executeCommand('workbench.trust.manage');
    },
    showEffectiveInstructions: async () => {
      await vscode.commands.executeCommand('hearth.showEffectiveInstructions');
    },
    createAgentsMd: async () => {
      await vscode.commands.executeCommand('hearth.createAgentsMd');
    },
    pullForRole: async (role, model) => {
      // Only a name the setup offered for this role: a webview cannot start arbitrary downloads.
      if (!offeredPulls(deps.setup(), role).includes(model)) {
        deps.log.warn(`Ignored a pull of ${model} for ${role}: the setup did not offer it`);
        return;
      }
      await pulls.pull(model, role);
    },
    cancelPull: (model) => {
      pulls.cancel(model);
      return Promise.resolve();
    },
    diagnostics: async (action) => {
      switch (action) {
        case 'run':
          await diagnostics.run();
          return;
        case 'cancel':
          diagnostics.cancel();
          return;
        case 'copy': {
          const report = diagnostics.lastReport;
          if (report) await copyReport(report);
          return;
        }
        case 'open': {
          const report = diagnostics.lastReport;
          if (report) await showReport(report);
          return;
        }
        default: {
          const unreachable: never = action;
          throw new Error(`unknown diagnostics action ${String(unreachable)}`);
        }
      }
    },
    setupAction: async (action) => {
      switch (action) {
        case 'openDownloadPage':
          await vscode.env.openExternal(vscode.Uri.parse(OLLAMA_DOWNLOAD));
          return;
        case 'openWalkthrough':
          await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
          return;
        default: {
          const unreachable: never = action;
          throw new Error(`unknown setup action ${String(unreachable)}`);
        }
      }
    },
  };
}

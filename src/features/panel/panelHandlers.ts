import * as vscode from 'vscode';
import type { InstructionsService } from '../instructions/instructionsService';
import { runFailureAction } from '../../vscode/failureActions';
import { updateUserSetting } from '../../vscode/settings';
import type { PanelHandlers } from './hearthViewProvider';

/** What the Hearth view's buttons do, on the host side. */
export function panelHandlers(instructions: InstructionsService): PanelHandlers {
  return {
    retry: async () => vscode.commands.executeCommand('hearth.retryConnection'),
    refreshModels: async () => vscode.commands.executeCommand('hearth.refreshModels'),
    setModel: (role, model) => updateUserSetting(role === 'completion' ? 'completion.model' : 'chat.model', model),
    runAction: (action) => runFailureAction(action),
    openInstructionFile: async (path) => {
      const state = instructions.state;
      // The webview is untrusted: it may only open a file it was shown.
      if (state.status !== 'ready' || !state.resolved.files.some((f) => f.relPath === path)) return;
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
  };
}

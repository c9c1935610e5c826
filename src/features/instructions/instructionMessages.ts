import * as vscode from 'vscode';
import type { WebviewHandlers } from '../../core/view/webviewHandlers';
import type { AgentsMdDrafter } from './createAgentsMd';
import { createAgentsMd } from './createAgentsMd';
import { showEffectiveInstructions } from './instructionCommands';
import type { InstructionsService } from './instructionsService';

/** The Status tab's instruction buttons: open a listed file, trust the folder, show what is sent, write a starter AGENTS.md. */
export function instructionMessages(
  service: InstructionsService,
  drafter: AgentsMdDrafter,
): WebviewHandlers<'openInstructionFile' | 'manageTrust' | 'showEffectiveInstructions' | 'createAgentsMd'> {
  return {
    openInstructionFile: async ({ path }) => {
      const state = service.state;
      // The webview is untrusted: it may only open a file it was shown.
      if (state.status !== 'ready' || !state.resolved.files.some((f) => f.relPath === path)) return;
      await vscode.window.showTextDocument(vscode.Uri.joinPath(state.folder.uri, ...path.split('/')), { preview: true });
    },
    manageTrust: () => vscode.commands.executeCommand('workbench.trust.manage'),
    showEffectiveInstructions: () => showEffectiveInstructions(service),
    createAgentsMd: () => createAgentsMd(drafter),
  };
}

import * as vscode from 'vscode';
import type { InstructionsService } from './instructionsService';
import { createAgentsMd } from './createAgentsMd';
import type { AgentsMdDrafter } from './createAgentsMd';

/** "Show effective instructions" and "Create AGENTS.md". */
export function registerInstructionCommands(service: InstructionsService, drafter: AgentsMdDrafter): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('hearth.showEffectiveInstructions', () => showEffectiveInstructions(service)),
    vscode.commands.registerCommand('hearth.createAgentsMd', () => createAgentsMd(drafter)),
  ];
}

/** Opens the exact text that is sent, as a Markdown document; resolves with it. */
export async function showEffectiveInstructions(service: InstructionsService): Promise<string> {
  const state = await service.resolve();
  const content = effectiveInstructionsDocument(state);
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { preview: true });
  return content;
}

function effectiveInstructionsDocument(state: Awaited<ReturnType<InstructionsService['resolve']>>): string {
  switch (state.status) {
    case 'disabled':
      return '<!-- Hearth: repository instructions are turned off (hearth.instructions.enabled). Nothing is sent. -->\n';
    case 'untrusted':
      return '<!-- Hearth: this workspace is not trusted, so its AGENTS.md files are not applied. Nothing is sent. Trust the folder (Manage Workspace Trust) to apply them. -->\n';
    case 'noFolder':
      return '<!-- Hearth: no workspace folder is open, so there are no repository instructions. -->\n';
    case 'ready': {
      const target = state.forFile === undefined ? `${state.folder.name} (folder root)` : `${state.folder.name}/${state.forFile}`;
      if (!state.resolved.text) return `<!-- Hearth: no AGENTS.md applies to ${target}. Nothing is sent. -->\n`;
      // Exactly the text the chat's system message carries, after a header comment.
      return `<!-- Hearth: the instructions sent with chat requests about ${target}, verbatim below. -->\n${state.resolved.text}`;
    }
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

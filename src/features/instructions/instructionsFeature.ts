import * as vscode from 'vscode';
import type { ConnectionMonitor } from '../../core/connection/connectionMonitor';
import type { Logger } from '../../core/logger';
import { instructionSettings } from '../../core/settings/hearthSettings';
import type { WebviewHandlers } from '../../core/panel/webviewHandlers';
import type { InstructionsSummary } from '../../shared/statusTab';
import type { ModelServer } from '../../core/engine/modelServer';
import { ConfinedFolder } from '../../vscode/confinement/confinedFolder';
import type { HearthConfiguration } from '../../vscode/hearthConfiguration';
import { createAgentsMd } from './createAgentsMd';
import type { AgentsMdDrafter } from './createAgentsMd';
import { registerInstructionCommands, showEffectiveInstructions } from './instructionCommands';
import { InstructionsService } from './instructionsService';
import { toInstructionsSummary } from './instructionsSummary';
import { ollamaDrafter } from './ollamaDrafter';

export interface InstructionsFeatureDeps {
  readonly ollama: ModelServer;
  readonly monitor: ConnectionMonitor;
  readonly config: HearthConfiguration;
  readonly log: Logger;
}

/**
 * AGENTS.md instructions in VS Code: the service that keeps the active file's
 * chain current, its settings, its commands, and the Status tab's buttons.
 */
export class InstructionsFeature implements vscode.Disposable {
  readonly service: InstructionsService;
  private readonly drafter: AgentsMdDrafter;
  private readonly disposables: vscode.Disposable[];

  constructor({ ollama, monitor, config, log }: InstructionsFeatureDeps) {
    this.service = new InstructionsService(() => instructionSettings(config.settings), log);
    this.drafter = ollamaDrafter(ollama, monitor, () => config.settings.chat.model);
    this.disposables = [
      this.service,
      // num_ctx sets the budget too (a quarter of the window, the setting as the cap).
      config.onDidChange(['instructions', 'ollama'], () => void this.service.reconfigure()),
      ...registerInstructionCommands(this.service, this.drafter),
    ];
  }

  /** What the view shows of the instructions in effect. */
  summary(): InstructionsSummary {
    return toInstructionsSummary(this.service.state);
  }

  /** Open a listed file, trust the folder, show what is sent, write a starter AGENTS.md. */
  get messages(): WebviewHandlers<'openInstructionFile' | 'manageTrust' | 'showEffectiveInstructions' | 'createAgentsMd'> {
    const service = this.service;
    return {
      openInstructionFile: async ({ path }) => {
        const state = service.state;
        // The webview is untrusted: it may only open a file it was shown.
        if (state.status !== 'ready' || !state.resolved.files.some((f) => f.relPath === path)) return;
        // A listed file may be a link out of the folder (listed as not used): never open its target.
        const found = await ConfinedFolder.of(state.folder.uri).resolve(path);
        if (found.kind !== 'file') return void vscode.window.showWarningMessage(`Hearth: ${path} is not opened: ${found.kind === 'refused' ? found.reason : 'it is gone'}.`);
        await vscode.window.showTextDocument(vscode.Uri.joinPath(state.folder.uri, ...path.split('/')), { preview: true });
      },
      manageTrust: () => vscode.commands.executeCommand('workbench.trust.manage'),
      showEffectiveInstructions: () => showEffectiveInstructions(service),
      createAgentsMd: () => createAgentsMd(this.drafter),
    };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

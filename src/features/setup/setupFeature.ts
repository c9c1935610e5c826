import * as vscode from 'vscode';
import type { ConnectionMonitor } from '../../core/connection/connectionMonitor';
import type { Logger } from '../../core/logger';
import { SETTINGS_SECTIONS } from '../../core/settings/hearthSettings';
import { setupInputs } from '../../core/setup/setupInputs';
import { OLLAMA_DOWNLOAD_URL } from '../../core/setup/startOllamaSteps';
import { StatusTabFocus } from '../../core/setup/statusTabFocus';
import { offeredPulls, toSetupSummary } from '../../core/setup/setupSummary';
import type { SetupInputs } from '../../core/setup/setupSummary';
import type { SetupSummary } from '../../shared/statusTab';
import type { HearthConfiguration } from '../../vscode/hearthConfiguration';
import type { ModelPulls } from '../models/modelPulls';
import type { PanelChannel } from '../panel/panelChannel';
import { PANEL_VIEW_ID } from '../panel/panelChannel';
import type { WebviewHandlers } from '../../core/panel/webviewHandlers';
import { SetupContextKeys } from './setupContextKeys';
import { setupModel } from './setupModel';

const WALKTHROUGH = 'hearth.hearth#setup';

export interface SetupFeatureDeps {
  readonly panel: PanelChannel;
  readonly monitor: Pick<ConnectionMonitor, 'state' | 'onDidChange'>;
  readonly config: HearthConfiguration;
  readonly pulls: ModelPulls;
  readonly log: Logger;
  /** The extension host's OS: where a loopback daemon has to be installed. */
  readonly platform: string;
}

/**
 * The guided first run: what is missing (the Status tab's steps, the
 * walkthrough's context keys), the Status tab brought forward once when the
 * view opens in that state, and the ways out (pull what the setup offers,
 * pick a role's model, the download page, the walkthrough).
 */
export class SetupFeature implements vscode.Disposable {
  private readonly focus: StatusTabFocus;
  private readonly keys: SetupContextKeys;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: SetupFeatureDeps) {
    this.focus = new StatusTabFocus((message) => deps.panel.post(message));
    this.keys = new SetupContextKeys(deps.platform);
    const update = (): void => {
      const summary = this.summary();
      this.keys.update(summary);
      this.focus.stateChanged(summary);
    };
    this.disposables = [
      deps.monitor.onDidChange(update),
      deps.config.onDidChange(SETTINGS_SECTIONS, update),
      deps.panel.onDidLoad(() => this.focus.viewReady(this.summary())),
      vscode.commands.registerCommand('hearth.setupModel', (role: unknown) =>
        setupModel({ inputs: () => this.inputs(), pulls: deps.pulls, showSetup: () => this.show() }, role === 'chat' ? 'chat' : 'completion'),
      ),
    ];
    update();
  }

  inputs(): SetupInputs {
    const { monitor, config, platform } = this.deps;
    return setupInputs(monitor.state, config.settings, config.connection, platform);
  }

  summary(): SetupSummary {
    return toSetupSummary(this.inputs());
  }

  /** The walkthrough's context keys as Hearth last set them (VS Code cannot read one back). */
  get contextKeys(): Readonly<Record<string, string | boolean>> {
    return this.keys.snapshot;
  }

  /** The setup steps, in the Hearth view's Status tab (also "How to start Ollama": the steps know the OS and a remote host). */
  async show(): Promise<void> {
    await vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`);
    this.focus.request();
  }

  get messages(): WebviewHandlers<'setupAction' | 'pullForRole'> {
    return {
      setupAction: async ({ action }) => {
        switch (action) {
          case 'openDownloadPage':
            await vscode.env.openExternal(vscode.Uri.parse(OLLAMA_DOWNLOAD_URL));
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
      pullForRole: async ({ role, model }) => {
        // Only a name the setup offered for this role: a webview cannot start arbitrary downloads.
        if (!offeredPulls(this.summary(), role).includes(model)) {
          this.deps.log.warn(`Ignored a pull of ${model} for ${role}: the setup did not offer it`);
          return;
        }
        await this.deps.pulls.pull(model, role);
      },
    };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

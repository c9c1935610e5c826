import * as vscode from 'vscode';
import { bearerKeyIn, hostIdOf, maskKeys, withoutHeader } from '../../core/connection/apiKeys';
import type { ConnectionConfig } from '../../core/connection/connectionConfig';
import type { ActionTable } from '../actions/hearthActions';
import { SecretApiKeys } from '../../vscode/secretApiKeys';

const MIGRATION_OFFERED = 'hearth.apiKeyMigrationOffered';

export interface ApiKeysDeps {
  readonly context: Pick<vscode.ExtensionContext, 'secrets' | 'globalState'>;
}

/**
 * API keys for a server behind a proxy or a team server: `Hearth: Set API
 * Key…` / `Remove API Key` store them per host in SecretStorage, the
 * connection adds the current host's key to its headers (HearthConfiguration),
 * and a bearer token found in `hearth.ollama.headers` is offered for moving
 * once. The log masks every stored key.
 */
export class ApiKeysFeature implements vscode.Disposable {
  readonly keys: SecretApiKeys;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: ApiKeysDeps) {
    this.keys = new SecretApiKeys(deps.context.secrets, deps.context.globalState);
    this.disposables = [this.keys, vscode.commands.registerCommand('hearth.removeApiKey', () => this.remove())];
  }

  /** For logs and reports: `text` with every stored key masked. */
  readonly mask = (text: string): string => maskKeys(text, this.keys.allKeys());

  /** Set API Key… as an action (the command, and the button on a 401/403). */
  actions(connection: () => ConnectionConfig): Pick<ActionTable, 'setApiKey'> {
    return { setApiKey: () => this.set(connection()) };
  }

  /**
   * Runs `start` (the first connection check) once the keys are read — a
   * server that needs one would otherwise answer the first request with 401 —
   * then offers to move a key out of the settings.
   */
  whenLoaded(config: { readonly connection: ConnectionConfig; readonly settings: { readonly ollama: { readonly headers: Readonly<Record<string, string>> } } }, start: () => void): void {
    void this.keys.ready.then(() => {
      start();
      return this.offerMigration(config.connection, config.settings.ollama.headers);
    });
  }

  /** Offers to move a bearer token out of the settings, once per host. */
  async offerMigration(connection: ConnectionConfig, headers: Readonly<Record<string, string>>): Promise<void> {
    const found = bearerKeyIn(headers);
    if (!found || connection.invalidHost) return;
    const hostId = hostIdOf(connection.host.url);
    const offered = this.deps.context.globalState.get<string[]>(MIGRATION_OFFERED, []);
    if (offered.includes(hostId)) return;
    // Recorded before asking: a dismissed notification counts as the one offer.
    await this.deps.context.globalState.update(MIGRATION_OFFERED, [...offered, hostId]);
    const move = 'Move to Secret Storage';
    const chosen = await vscode.window.showWarningMessage(
      `Hearth: "hearth.ollama.headers" holds an API key for ${hostId} in plain text (settings.json, which Settings Sync copies). Move it to VS Code's secret storage? Hearth then sends it to this host only.`,
      move,
      'Keep in Settings',
    );
    if (chosen !== move) return;
    await this.keys.set(hostId, found.key);
    await removeHeaderEverywhere(found.header);
    void vscode.window.showInformationMessage(`Hearth: the API key for ${hostId} is now in VS Code's secret storage and no longer in your settings.`);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async set(connection: ConnectionConfig): Promise<void> {
    if (connection.invalidHost) {
      void vscode.window.showErrorMessage(`Hearth: ${connection.invalidHost}. Correct the address before setting its API key.`);
      return;
    }
    const hostId = hostIdOf(connection.host.url);
    const plain = hostId.startsWith('http:') && !connection.host.isLoopback;
    const key = await vscode.window.showInputBox({
      title: `Hearth: API key for ${hostId}`,
      prompt: `Sent as "Authorization: Bearer …" to ${hostId} only; kept in VS Code's secret storage, never in settings.${plain ? ' This address is not HTTPS: the key crosses the network unencrypted.' : ''}`,
      placeHolder: this.keys.keyFor(hostId) ? 'A key is stored for this host; a new one replaces it' : 'Paste the key',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (/\s/.test(value.trim()) ? 'A key has no spaces or line breaks.' : undefined),
    });
    if (key === undefined || key.trim() === '') return;
    await this.keys.set(hostId, key.trim());
    void vscode.window.showInformationMessage(`Hearth: API key stored for ${hostId}.`);
  }

  private async remove(): Promise<void> {
    const hosts = this.keys.hosts();
    if (hosts.length === 0) {
      void vscode.window.showInformationMessage('Hearth: no API key is stored.');
      return;
    }
    const hostId = await vscode.window.showQuickPick([...hosts], { title: 'Hearth: remove the API key of…' });
    if (!hostId) return;
    await this.keys.delete(hostId);
    void vscode.window.showInformationMessage(`Hearth: the API key for ${hostId} is removed.`);
  }
}

/** Takes `header` out of `hearth.ollama.headers` at every level it is set (user, workspace, folder). */
async function removeHeaderEverywhere(header: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('hearth');
  const inspected = config.inspect<Record<string, string>>('ollama.headers');
  const levels: [Record<string, string> | undefined, vscode.ConfigurationTarget][] = [
    [inspected?.globalValue, vscode.ConfigurationTarget.Global],
    [inspected?.workspaceValue, vscode.ConfigurationTarget.Workspace],
    [inspected?.workspaceFolderValue, vscode.ConfigurationTarget.WorkspaceFolder],
  ];
  for (const [value, target] of levels) {
    if (!value || !(header in value)) continue;
    const rest = withoutHeader(value, header);
    await config.update('ollama.headers', Object.keys(rest).length > 0 ? rest : undefined, target);
  }
}

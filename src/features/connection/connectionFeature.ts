import type * as vscode from 'vscode';
import { ConnectionMonitor } from '../../core/connection/connectionMonitor';
import type { ConnectionState, MonitoredServer } from '../../core/connection/connectionMonitor';
import { OutageNotifier } from '../../core/connection/outageNotifier';
import type { ShowFailure } from '../../core/engine/ollamaFailure';
import type { Logger } from '../../core/logger';
import { displayHost } from '../../core/ollamaHost';
import type { ActionId } from '../../shared/actions';
import type { HearthConfiguration } from '../../vscode/hearthConfiguration';
import { noticeRemoteHost } from './remoteHostNotice';

export interface ConnectionFeatureDeps {
  readonly ollama: MonitoredServer;
  readonly config: HearthConfiguration;
  readonly log: Logger;
  /** Where the remote hosts already announced are remembered (global state). */
  readonly memento: vscode.Memento;
  readonly showFailure: ShowFailure;
  /** Runs one of the actions (the notice's Open Settings). */
  readonly runAction: (id: ActionId) => Promise<unknown>;
}

/**
 * The connection to the daemon: the monitor that knows whether it is up, the
 * one notice of an outage, the one notice of a host that is not this machine,
 * and a fresh start when the host setting changes.
 */
export class ConnectionFeature implements vscode.Disposable {
  readonly monitor: ConnectionMonitor;
  private hostUrl: string;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: ConnectionFeatureDeps) {
    this.monitor = new ConnectionMonitor(deps.ollama, deps.log);
    this.hostUrl = this.dialled();
    const outage = new OutageNotifier(deps.showFailure);
    this.disposables = [
      this.monitor,
      this.monitor.onDidChange((state) => outage.onState(state)),
      deps.config.onDidChange(['ollama', 'engine', 'openai'], () => this.hostSettingsChanged()),
    ];
  }

  /** Logs where Hearth dials, says so if it is another machine, and starts watching the daemon. */
  start(version: string): void {
    const host = this.deps.config.connection.host;
    this.deps.log.info(`Hearth ${version} activating; Ollama host ${displayHost(host)} (${host.source})`);
    void noticeRemoteHost(host, this.deps.memento, () => this.deps.runAction('openSettings'));
    // An extension host's first request makes VS Code load the system's CA certificates
    // for its proxy support (about 150 ms of CPU, measured by the installed-VSIX suite's
    // profile): start after activate() has returned, so that is not inside Hearth's activation.
    const first = setTimeout(() => void this.monitor.start(), 0);
    this.disposables.push({ dispose: () => clearTimeout(first) });
  }

  /** Retry (a button, the command): checks now; an explicit Retry that still fails deserves an answer, not silence. */
  async retry(): Promise<ConnectionState['status']> {
    const state = await this.monitor.retry();
    if (state.status === 'down') void this.deps.showFailure(state.failure);
    return state.status;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The engine and its address: switching engines on one address is a new server too. */
  private dialled(): string {
    return `${this.deps.config.settings.engine} ${this.deps.config.connection.host.url}`;
  }

  private hostSettingsChanged(): void {
    const connection = this.deps.config.connection;
    if (this.dialled() === this.hostUrl && !connection.invalidHost) return;
    this.hostUrl = this.dialled();
    this.deps.log.info(`Ollama host is now ${displayHost(connection.host)} (${connection.host.source})`);
    void noticeRemoteHost(connection.host, this.deps.memento, () => this.deps.runAction('openSettings'));
    void this.monitor.reset();
  }
}

import * as vscode from 'vscode';
import type { ApiKeySource } from '../core/connection/apiKeys';

const SECRET_PREFIX = 'hearth.apiKey:';
/** The hosts that have a key (not the keys): SecretStorage cannot list what it holds on the oldest VS Code we support. */
const HOSTS_KEY = 'hearth.apiKeyHosts';

/**
 * API keys per host in VS Code's SecretStorage (the OS keychain on desktop),
 * mirrored in memory so building a request's headers stays synchronous. Keys
 * are read once at start (`ready`) and again when SecretStorage reports a
 * change, also one made by another window.
 */
export class SecretApiKeys implements ApiKeySource, vscode.Disposable {
  readonly ready: Promise<void>;
  private readonly keys = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly memento: vscode.Memento,
  ) {
    this.ready = this.loadAll();
    this.listener = secrets.onDidChange(async (e) => {
      if (!e.key.startsWith(SECRET_PREFIX)) return;
      await this.load(e.key.slice(SECRET_PREFIX.length));
      this.emitter.fire();
    });
  }

  keyFor(hostId: string): string | undefined {
    return this.keys.get(hostId);
  }

  allKeys(): readonly string[] {
    return [...this.keys.values()];
  }

  hosts(): readonly string[] {
    return [...this.keys.keys()];
  }

  async set(hostId: string, key: string): Promise<void> {
    await this.secrets.store(SECRET_PREFIX + hostId, key);
    this.keys.set(hostId, key);
    await this.rememberHosts();
    this.emitter.fire();
  }

  async delete(hostId: string): Promise<void> {
    await this.secrets.delete(SECRET_PREFIX + hostId);
    this.keys.delete(hostId);
    await this.rememberHosts();
    this.emitter.fire();
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }

  private async loadAll(): Promise<void> {
    const hosts = this.memento.get<unknown>(HOSTS_KEY, []);
    const names = Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string') : [];
    await Promise.all(names.map((host) => this.load(host)));
    if (names.length > 0) this.emitter.fire();
  }

  /** A keychain that cannot be read (locked, no keyring on Linux) leaves the host without a key: its 401 then says what to do. */
  private async load(hostId: string): Promise<void> {
    let key: string | undefined;
    try {
      key = await this.secrets.get(SECRET_PREFIX + hostId);
    } catch {
      key = undefined;
    }
    if (key) this.keys.set(hostId, key);
    else this.keys.delete(hostId);
  }

  private rememberHosts(): Thenable<void> {
    return this.memento.update(HOSTS_KEY, this.hosts());
  }
}

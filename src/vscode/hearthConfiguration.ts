import * as vscode from 'vscode';
import { withApiKey } from '../core/connection/apiKeys';
import type { ApiKeySource } from '../core/connection/apiKeys';
import { toConnectionConfig } from '../core/connection/connectionConfig';
import type { ConnectionConfig } from '../core/connection/connectionConfig';
import { ENGINE_KINDS, FIM_FAMILIES, SETTINGS_SECTIONS } from '../core/settings/hearthSettings';
import type { CompletionTemplateSetting, EngineKind, HearthSettings, SettingsSection, WhileChatStreams } from '../core/settings/hearthSettings';

const NO_KEYS = { keyFor: () => undefined, allKeys: () => [], onDidChange: new vscode.EventEmitter<void>().event };

/**
 * Hearth's settings, typed, read once per change (like rust-analyzer's
 * config object): features read `settings` when they need a value and
 * subscribe to the sections they depend on, so a change to the chat model
 * does not reset completions.
 */
export class HearthConfiguration implements vscode.Disposable {
  private current: HearthSettings = readSettings();
  private connectionFor: { readonly settings: HearthSettings; readonly config: ConnectionConfig } | undefined;
  private readonly emitter = new vscode.EventEmitter<ReadonlySet<SettingsSection>>();
  private readonly listeners: vscode.Disposable[];

  /**
   * `env`: OLLAMA_HOST of the extension host, the fallback when the setting is empty.
   * `keys`: API keys per host; a stored or removed key changes the connection
   * as a change of the `ollama` section does (the connection is checked again).
   */
  constructor(
    private readonly env: string | undefined,
    private readonly keys: ApiKeySource & { readonly onDidChange: vscode.Event<void> } = NO_KEYS,
  ) {
    this.listeners = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        const changed = new Set(SETTINGS_SECTIONS.filter((s) => e.affectsConfiguration(`hearth.${s}`)));
        if (changed.size === 0) return;
        this.current = readSettings();
        this.emitter.fire(changed);
      }),
      keys.onDidChange(() => {
        this.connectionFor = undefined;
        this.emitter.fire(new Set<SettingsSection>(['ollama']));
      }),
    ];
  }

  get settings(): HearthSettings {
    return this.current;
  }

  /**
   * What the model server dials now: the ollama section and OLLAMA_HOST, or
   * hearth.openai.host for the OpenAI engine; with the host's API key if one
   * is stored.
   */
  get connection(): ConnectionConfig {
    const settings = this.current;
    if (this.connectionFor?.settings !== settings) this.connectionFor = { settings, config: withApiKey(engineConnection(settings, this.env), this.keys) };
    return this.connectionFor.config;
  }

  /** Calls `listener` after any of `sections` changed, with all the sections that did. */
  onDidChange(sections: readonly SettingsSection[], listener: (changed: ReadonlySet<SettingsSection>) => void): vscode.Disposable {
    return this.emitter.event((changed) => {
      if (sections.some((s) => changed.has(s))) listener(changed);
    });
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
    this.emitter.dispose();
  }
}

/** Writes a user-level setting (never into the repository's .vscode folder). */
export async function updateUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('hearth').update(key, value, vscode.ConfigurationTarget.Global);
}

/** The settings as VS Code has them now, each value checked against its declared type. */
export function readSettings(): HearthSettings {
  const c = vscode.workspace.getConfiguration('hearth');
  return {
    engine: oneOf<EngineKind>(c.get<string>('engine', 'ollama'), ENGINE_KINDS, 'ollama'),
    openai: {
      host: c.get<string>('openai.host', '').trim(),
      capabilities: stringListRecord(c.get<unknown>('openai.capabilities', {})),
    },
    ollama: {
      host: c.get<string>('ollama.host', ''),
      headers: stringRecord(c.get<unknown>('ollama.headers', {})),
      keepAlive: c.get<string>('ollama.keepAlive', '30m'),
      numCtx: positiveInt(c.get<number>('ollama.numCtx', 4096), 4096),
    },
    completion: {
      enabled: c.get<boolean>('completion.enabled', true),
      languages: booleanRecord(c.get<unknown>('completion.languages', {})),
      model: c.get<string>('completion.model', '').trim(),
      // 0 is meaningful here: no debounce at all.
      debounceMs: nonNegativeInt(c.get<number>('completion.debounceMs', 150), 150),
      maxTokens: positiveInt(c.get<number>('completion.maxTokens', 128), 128),
      template: oneOf<CompletionTemplateSetting>(c.get<string>('completion.template', 'auto'), ['auto', ...FIM_FAMILIES], 'auto'),
      whileChatStreams: oneOf<WhileChatStreams>(c.get<string>('completion.whileChatStreams', 'wait'), ['wait', 'pause'], 'wait'),
    },
    chat: {
      model: c.get<string>('chat.model', '').trim(),
      // The declared minimum, also for a value typed into settings.json: a tiny cap would stop every answer at once.
      maxReplyBytes: Math.max(10_000, positiveInt(c.get<number>('chat.maxReplyBytes', 1_000_000), 1_000_000)),
    },
    agent: {
      maxSteps: positiveInt(c.get<number>('agent.maxSteps', 25), 25),
      tokenBudget: positiveInt(c.get<number>('agent.tokenBudget', 400_000), 400_000),
      // Your own settings only: a repository's .vscode/settings.json must not switch consent off.
      autoApproveEdits: c.inspect<boolean>('agent.autoApproveEdits')?.globalValue === true,
      commandTimeoutSeconds: positiveInt(c.get<number>('agent.commandTimeoutSeconds', 120), 120),
      commandOutputChars: Math.max(1_000, positiveInt(c.get<number>('agent.commandOutputChars', 8_000), 8_000)),
    },
    instructions: {
      enabled: c.get<boolean>('instructions.enabled', true),
      budgetBytes: positiveInt(c.get<number>('instructions.budgetBytes', 32768), 32768),
      imports: c.get<boolean>('instructions.imports', false),
      completionDigest: c.get<boolean>('instructions.completionDigest', false),
      fallbackFileNames: (c.get<unknown[]>('instructions.fallbackFileNames', []) ?? []).filter(
        (n): n is string => typeof n === 'string' && n.trim() !== '',
      ),
    },
    inspector: { maxEntries: Math.min(1000, positiveInt(c.get<number>('inspector.maxEntries', 50), 50)) },
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function stringListRecord(value: unknown): Record<string, string[]> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value)
      .filter((e): e is [string, unknown[]] => Array.isArray(e[1]))
      .map(([k, list]) => [k, list.filter((x): x is string => typeof x === 'string')]),
  );
}

/**
 * The OpenAI engine dials hearth.openai.host (never OLLAMA_HOST, which names
 * an Ollama daemon); headers, num_ctx and keep_alive stay the ollama section's.
 */
function engineConnection(settings: HearthSettings, env: string | undefined): ConnectionConfig {
  if (settings.engine !== 'openai') return toConnectionConfig(settings.ollama, env);
  return toConnectionConfig({ ...settings.ollama, host: settings.openai.host || DEFAULT_OPENAI_HOST }, undefined);
}

/** vLLM's default port; llama-server users set :8080. */
const DEFAULT_OPENAI_HOST = 'http://127.0.0.1:8000';

function booleanRecord(value: unknown): Record<string, boolean> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
}

function nonNegativeInt(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly (string | undefined)[]).includes(value) ? (value as T) : fallback;
}

function positiveInt(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

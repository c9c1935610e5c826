import * as vscode from 'vscode';
import { toConnectionConfig } from '../core/connection/connectionConfig';
import type { ConnectionConfig } from '../core/connection/connectionConfig';
import { FIM_FAMILIES, SETTINGS_SECTIONS } from '../core/settings/hearthSettings';
import type { CompletionTemplateSetting, HearthSettings, SettingsSection, WhileChatStreams } from '../core/settings/hearthSettings';

/**
 * Hearth's settings, typed, read once per change (like rust-analyzer's
 * config object): features read `settings` when they need a value and
 * subscribe to the sections they depend on, so a change to the chat model
 * does not reset completions.
 */
export class HearthConfiguration implements vscode.Disposable {
  private current: HearthSettings = readSettings();
  private connectionFor: { readonly ollama: HearthSettings['ollama']; readonly config: ConnectionConfig } | undefined;
  private readonly emitter = new vscode.EventEmitter<ReadonlySet<SettingsSection>>();
  private readonly listener: vscode.Disposable;

  /** `env`: OLLAMA_HOST of the extension host, the fallback when the setting is empty. */
  constructor(private readonly env: string | undefined) {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      const changed = new Set(SETTINGS_SECTIONS.filter((s) => e.affectsConfiguration(`hearth.${s}`)));
      if (changed.size === 0) return;
      this.current = readSettings();
      this.emitter.fire(changed);
    });
  }

  get settings(): HearthSettings {
    return this.current;
  }

  /** What the Ollama service dials now (the ollama section and OLLAMA_HOST). */
  get connection(): ConnectionConfig {
    const ollama = this.current.ollama;
    if (this.connectionFor?.ollama !== ollama) this.connectionFor = { ollama, config: toConnectionConfig(ollama, this.env) };
    return this.connectionFor.config;
  }

  /** Calls `listener` after any of `sections` changed, with all the sections that did. */
  onDidChange(sections: readonly SettingsSection[], listener: (changed: ReadonlySet<SettingsSection>) => void): vscode.Disposable {
    return this.emitter.event((changed) => {
      if (sections.some((s) => changed.has(s))) listener(changed);
    });
  }

  dispose(): void {
    this.listener.dispose();
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
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

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

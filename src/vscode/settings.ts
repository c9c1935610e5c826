import * as vscode from 'vscode';
import type { FimFamily } from '../core/fimFamily';

export const FIM_FAMILIES: readonly FimFamily[] = ['qwen2.5-coder', 'codellama', 'deepseek-coder', 'starcoder', 'codestral', 'codegemma'];
export type CompletionTemplateSetting = 'auto' | FimFamily;
export type WhileChatStreams = 'wait' | 'pause';

/** Mirrors `contributes.configuration` in package.json; the only reader of Hearth's settings. */
export interface HearthSettings {
  readonly ollama: {
    readonly host: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly keepAlive: string;
    readonly numCtx: number;
  };
  readonly completion: {
    readonly enabled: boolean;
    readonly languages: Readonly<Record<string, boolean>>;
    readonly model: string;
    readonly debounceMs: number;
    readonly maxTokens: number;
    /** A FIM family forced for raw mode, or 'auto' (insert capability, then the model name). */
    readonly template: CompletionTemplateSetting;
    readonly whileChatStreams: WhileChatStreams;
  };
  readonly chat: {
    readonly model: string;
  };
  readonly instructions: {
    readonly enabled: boolean;
    readonly fallbackFileNames: readonly string[];
    readonly budgetBytes: number;
    readonly imports: boolean;
    readonly completionDigest: boolean;
  };
}

export type SettingsSection = keyof HearthSettings;
const SECTIONS: readonly SettingsSection[] = ['ollama', 'completion', 'chat', 'instructions'];

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
    chat: { model: c.get<string>('chat.model', '').trim() },
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

/** Calls `listener` with the sections that changed, and only when one did. */
export function onDidChangeSettings(listener: (sections: ReadonlySet<SettingsSection>) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    const changed = new Set(SECTIONS.filter((s) => e.affectsConfiguration(`hearth.${s}`)));
    if (changed.size > 0) listener(changed);
  });
}

/** Writes a user-level setting (never into the repository's .vscode folder). */
export async function updateUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('hearth').update(key, value, vscode.ConfigurationTarget.Global);
}

export function completionEnabledFor(settings: HearthSettings, languageId: string): boolean {
  if (!settings.completion.enabled) return false;
  const perLanguage = settings.completion.languages;
  return perLanguage[languageId] ?? perLanguage['*'] ?? true;
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

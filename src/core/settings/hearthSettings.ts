import type { FimFamily } from '../fimFamily';
import type { InstructionOptions } from '../instructions/instructionOptions';

export const FIM_FAMILIES: readonly FimFamily[] = ['qwen2.5-coder', 'codellama', 'deepseek-coder', 'starcoder', 'codestral', 'codegemma'];
export type CompletionTemplateSetting = 'auto' | FimFamily;
export type WhileChatStreams = 'wait' | 'pause';

/**
 * Hearth's settings, one object per section of `contributes.configuration` in
 * package.json. The VS Code adapter (HearthConfiguration) is their only
 * reader; pure code receives them.
 */
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
    /** UTF-8 bytes of an answer after which it is stopped, with a note. */
    readonly maxReplyBytes: number;
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
export const SETTINGS_SECTIONS: readonly SettingsSection[] = ['ollama', 'completion', 'chat', 'instructions'];

export function completionEnabledFor(settings: HearthSettings, languageId: string): boolean {
  if (!settings.completion.enabled) return false;
  const perLanguage = settings.completion.languages;
  return perLanguage[languageId] ?? perLanguage['*'] ?? true;
}

/** The `hearth.instructions.*` settings as the instructions service takes them. */
export function instructionSettings(settings: HearthSettings): { readonly enabled: boolean; readonly completionDigest: boolean; readonly options: InstructionOptions } {
  const i = settings.instructions;
  return {
    enabled: i.enabled,
    completionDigest: i.completionDigest,
    options: { fallbackFileNames: i.fallbackFileNames, budgetBytes: i.budgetBytes, importsEnabled: i.imports },
  };
}

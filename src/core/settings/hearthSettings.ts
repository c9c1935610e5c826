import type { FimFamily } from '../fimFamily';
import type { InstructionOptions } from '../instructions/instructionOptions';

export const FIM_FAMILIES: readonly FimFamily[] = ['qwen2.5-coder', 'codellama', 'deepseek-coder', 'starcoder', 'codestral', 'codegemma'];
export type CompletionTemplateSetting = 'auto' | FimFamily;
export type WhileChatStreams = 'wait' | 'pause';
/** Which server protocol Hearth speaks: Ollama's own API, or the OpenAI-compatible one (vLLM, llama-server, LM Studio). */
export type EngineKind = 'ollama' | 'openai';
export const ENGINE_KINDS: readonly EngineKind[] = ['ollama', 'openai'];

/**
 * Hearth's settings, one object per section of `contributes.configuration` in
 * package.json. The VS Code adapter (HearthConfiguration) is their only
 * reader; pure code receives them.
 */
export interface HearthSettings {
  readonly engine: EngineKind;
  /** The OpenAI-compatible engine; read only when `engine` is 'openai'. */
  readonly openai: {
    readonly host: string;
    /** Per model name: what it can do, since these servers do not say (e.g. ['insert', 'tools']). */
    readonly capabilities: Readonly<Record<string, readonly string[]>>;
  };
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
  readonly agent: {
    /** Tool steps per run. */
    readonly maxSteps: number;
    /** Prompt tokens per run, all its requests together. */
    readonly tokenBudget: number;
    /** Edits run without asking; commands always ask. */
    readonly autoApproveEdits: boolean;
    readonly commandTimeoutSeconds: number;
    /** Characters of a command's output the model (and the card) gets. */
    readonly commandOutputChars: number;
  };
  readonly instructions: {
    readonly enabled: boolean;
    readonly fallbackFileNames: readonly string[];
    readonly budgetBytes: number;
    readonly imports: boolean;
    readonly completionDigest: boolean;
  };
  readonly inspector: {
    /** Requests the Inspector keeps in memory (the oldest go first). */
    readonly maxEntries: number;
  };
}

export type SettingsSection = keyof HearthSettings;
export const SETTINGS_SECTIONS: readonly SettingsSection[] = ['engine', 'openai', 'ollama', 'completion', 'chat', 'agent', 'instructions', 'inspector'];

export function completionEnabledFor(settings: HearthSettings, languageId: string): boolean {
  if (!settings.completion.enabled) return false;
  const perLanguage = settings.completion.languages;
  return perLanguage[languageId] ?? perLanguage['*'] ?? true;
}

/** Instructions may take this share of the context window, leaving room for the question, the history and the answer. */
const INSTRUCTIONS_SHARE_OF_WINDOW = 0.25;
/** Bytes per token of English and code, on the generous side, so the share is rarely overrun. */
const BYTES_PER_TOKEN = 4;

/**
 * The instruction budget in bytes: a quarter of the context window (num_ctx),
 * with hearth.instructions.budgetBytes as the cap. So with num_ctx 4096 a
 * chain keeps 4 KiB and the Status tab and Show Effective Instructions show
 * what is sent, instead of 32 KiB that the chat would cut again at send time.
 */
export function instructionBudgetBytes(settings: HearthSettings): number {
  const fromWindow = Math.floor(settings.ollama.numCtx * INSTRUCTIONS_SHARE_OF_WINDOW * BYTES_PER_TOKEN);
  return Math.min(settings.instructions.budgetBytes, fromWindow);
}

/** The `hearth.instructions.*` settings (and num_ctx, for the budget) as the instructions service takes them. */
export function instructionSettings(settings: HearthSettings): { readonly enabled: boolean; readonly completionDigest: boolean; readonly options: InstructionOptions } {
  const i = settings.instructions;
  return {
    enabled: i.enabled,
    completionDigest: i.completionDigest,
    options: { fallbackFileNames: i.fallbackFileNames, budgetBytes: instructionBudgetBytes(settings), importsEnabled: i.imports },
  };
}

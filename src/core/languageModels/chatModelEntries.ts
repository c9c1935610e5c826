// Hearth's models as VS Code's language model API lists them (the chat model
// picker, vscode.lm.selectChatModels). Pure: the provider in
// src/features/languageModels maps these to LanguageModelChatInformation.
import type { ModelInfo } from '../engine/engineTypes';
import { reservedTokensFor } from '../chat/chatPrompt';

export const LM_VENDOR = 'hearth';

export interface ChatModelEntry {
  /** The model's name as the server knows it: what a request names. */
  readonly id: string;
  readonly name: string;
  readonly family: string;
  /** The digest's start: a re-pulled model under the same name is another version. */
  readonly version: string;
  readonly detail: string;
  readonly tooltip: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly toolCalling: boolean;
  readonly imageInput: boolean;
}

/**
 * The installed models that can chat: embedding models are left out (they
 * cannot generate). Windows are Hearth's `num_ctx`, the one every request
 * carries, so a caller that fits its prompt to maxInputTokens is never
 * truncated silently by the daemon; the answer keeps the room Hearth's own
 * chat keeps for it.
 */
export function chatModelEntries(models: readonly ModelInfo[], numCtx: number, hostLabel: string): ChatModelEntry[] {
  const maxOutputTokens = reservedTokensFor(numCtx);
  return models
    .filter((m) => !m.capabilities.includes('embedding') || m.capabilities.includes('completion'))
    .map((m) => ({
      id: m.name,
      name: m.name,
      family: m.family || m.name.split(':')[0] || m.name,
      version: m.digest.slice(0, 12) || 'unknown',
      detail: [m.parameterSize, m.quantization].filter((s) => s !== '').join(' · '),
      tooltip: `${m.name} on ${hostLabel}, served by Hearth (context window ${numCtx} tokens, hearth.ollama.numCtx)`,
      maxInputTokens: Math.max(1, numCtx - maxOutputTokens),
      maxOutputTokens,
      toolCalling: m.capabilities.includes('tools'),
      imageInput: m.capabilities.includes('vision'),
    }));
}

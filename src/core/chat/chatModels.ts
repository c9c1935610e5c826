import type { ModelInfo } from '../../ollama/ollamaTypes';

/**
 * Models that can hold a conversation: they generate text, are not embedding
 * models, and their template formats messages. Base and `-code` tags are
 * completion models without a chat template; chat with them produces noise.
 */
export function isChatModel(model: ModelInfo): boolean {
  if (!model.capabilities.includes('completion') || model.capabilities.includes('embedding')) return false;
  const tag = model.name.split(':')[1] ?? '';
  if (/(^|-)(base|code)(-|$)/i.test(tag)) return false;
  const template = model.template.trim();
  if (template === '' || template === '{{ .Prompt }}') return false;
  return /\.Messages\b|\.System\b|\.Prompt\b/.test(template);
}

/** What is known of an installed model: enough to tell whether it can chat. */
export interface ChatModelFacts {
  readonly name: string;
  readonly capabilities: readonly string[];
  readonly template: string;
}

/**
 * Models that can hold a conversation: they generate text, are not embedding
 * models, and their template formats messages. Base and `-code` tags, and
 * infill models like StarCoder, have no chat template; chat with them
 * produces noise. The chat's model picker and the setup's suggestions agree.
 */
export function isChatModel(model: ChatModelFacts): boolean {
  if (!model.capabilities.includes('completion') || model.capabilities.includes('embedding')) return false;
  const tag = model.name.split(':')[1] ?? '';
  if (/(^|-)(base|code)(-|$)/i.test(tag)) return false;
  // A chat template lays out messages or a system prompt; one with only .Prompt (and .Suffix) continues raw text.
  return /\.Messages\b|\.System\b/.test(model.template);
}

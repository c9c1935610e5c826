// What the host offers to do about a problem (Retry, How to start Ollama, Pull
// model, …): the ids both sides name them by. No imports, like all of shared/.

export const ACTION_IDS = [
  'retry',
  'startOllamaHelp',
  'pullModel',
  'selectCompletionModel',
  'selectChatModel',
  'openSettings',
  'showLogs',
  'setApiKey',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

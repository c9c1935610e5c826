// The one host↔webview protocol. No imports: the webview bundle and the
// extension both compile this file. Every message from the webview is
// untrusted until parseWebviewMessage accepts it.

export const ACTION_IDS = [
  'retry',
  'startOllamaHelp',
  'pullModel',
  'selectCompletionModel',
  'selectChatModel',
  'openSettings',
  'showLogs',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export type ModelRole = 'completion' | 'chat';

export interface ModelSummary {
  readonly name: string;
  readonly sizeBytes: number;
  readonly family: string;
  readonly parameterSize: string;
  readonly quantization: string;
  readonly capabilities: readonly string[];
  /** Usable for fill-in-the-middle completions. */
  readonly fim: boolean;
}

export type ConnectionSummary =
  | { readonly status: 'connecting'; readonly host: string }
  | { readonly status: 'connected'; readonly host: string; readonly version: string }
  | {
      readonly status: 'down';
      readonly host: string;
      readonly message: string;
      readonly actions: readonly { readonly id: ActionId; readonly label: string }[];
    };

export interface InstructionFileSummary {
  /** Folder-relative path, e.g. 'packages/api/AGENTS.md'. */
  readonly path: string;
  readonly bytes: number;
  readonly keptBytes: number;
  readonly tokens: number;
  readonly trimmed: boolean;
  readonly empty: boolean;
  readonly refused: boolean;
}

export type InstructionsSummary =
  | { readonly status: 'disabled' }
  | { readonly status: 'untrusted' }
  | { readonly status: 'noFolder' }
  | {
      readonly status: 'ready';
      readonly folder: string;
      /** The file the chain applies to; undefined = the folder root. */
      readonly forFile?: string;
      /** Root → leaf: the last one wins. */
      readonly files: readonly InstructionFileSummary[];
      readonly tokens: number;
      /** "trimmed 12.3 KiB from 2 files" when the budget cut something. */
      readonly trimNote?: string;
    };

/** Inline completion figures for one model, since the window opened. */
export interface CompletionModelStats {
  readonly model: string;
  /** Requests that ran to an answer (not aborted); the latencies below are theirs. */
  readonly requests: number;
  /** Milliseconds from sending the request to the finished answer, over the most recent requests. */
  readonly latencyP50Ms?: number;
  readonly latencyP95Ms?: number;
  /** Distinct suggestions shown (typing through one does not count it again). */
  readonly shown: number;
  /** Suggestions accepted in full (Tab). */
  readonly accepted: number;
}

export interface PanelState {
  readonly connection: ConnectionSummary;
  readonly models: readonly ModelSummary[];
  /** Why the model list is empty or stale, when it is. */
  readonly modelsMessage?: string;
  readonly completionModel: string;
  readonly chatModel: string;
  readonly completionsEnabled: boolean;
  readonly instructions: InstructionsSummary;
  /** Per completion model; absent until the first completion. */
  readonly completionStats?: readonly CompletionModelStats[];
}

export type HostToWebview = { readonly type: 'state'; readonly state: PanelState };

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'retry' }
  | { readonly type: 'refreshModels' }
  | { readonly type: 'setModel'; readonly role: ModelRole; readonly model: string }
  | { readonly type: 'runAction'; readonly action: ActionId }
  | { readonly type: 'openInstructionFile'; readonly path: string }
  | { readonly type: 'manageTrust' }
  | { readonly type: 'showEffectiveInstructions' }
  | { readonly type: 'createAgentsMd' };

const MAX_MODEL_NAME = 256;

/** Model names are registry references: no whitespace or control characters. */
function isModelName(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return false;
  }
  return true;
}

/** Returns the message if it is exactly one of WebviewToHost, else undefined. */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const m = value as Record<string, unknown>;
  const keys = Object.keys(m);
  const only = (...allowed: string[]): boolean => keys.every((k) => allowed.includes(k));
  switch (m.type) {
    case 'ready':
    case 'retry':
    case 'refreshModels':
    case 'manageTrust':
    case 'showEffectiveInstructions':
    case 'createAgentsMd':
      return only('type') ? { type: m.type } : undefined;
    case 'openInstructionFile':
      // Only a shape check here; the host also requires the path to be one it listed.
      return only('type', 'path') && typeof m.path === 'string' && m.path.length > 0 && m.path.length <= 1024 && !m.path.includes('\u0000')
        ? { type: 'openInstructionFile', path: m.path }
        : undefined;
    case 'setModel':
      return only('type', 'role', 'model') &&
        (m.role === 'completion' || m.role === 'chat') &&
        typeof m.model === 'string' &&
        m.model.length > 0 &&
        m.model.length <= MAX_MODEL_NAME &&
        isModelName(m.model)
        ? { type: 'setModel', role: m.role, model: m.model }
        : undefined;
    case 'runAction':
      return only('type', 'action') && typeof m.action === 'string' && (ACTION_IDS as readonly string[]).includes(m.action)
        ? { type: 'runAction', action: m.action as ActionId }
        : undefined;
    default:
      return undefined;
  }
}

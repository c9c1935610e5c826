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
  /** Set while the daemon has the model in memory (/api/ps). */
  readonly loaded?: LoadedModelSummary;
  /** The roles whose configured model this is, by Ollama's name rule (so `Qwen2.5-Coder` is `qwen2.5-coder:latest`). */
  readonly roles?: readonly ModelRole[];
}

/** Where a loaded model sits: size_vram below size means part of it runs on the CPU. */
export interface LoadedModelSummary {
  readonly sizeBytes: number;
  readonly vramBytes: number;
  readonly contextLength?: number;
  /** ISO time the daemon unloads it (keep_alive); absent when it stays. */
  readonly expiresAt?: string;
}

// ---- Setup (Status tab) ---------------------------------------------------

/** One line of "how to install and start Ollama"; `command` is shown as code to type. */
export interface SetupInstruction {
  readonly text: string;
  readonly command?: string;
}

/**
 * ready: the configured model is installed and fits the role. off: the role is
 * not in use (completions turned off). unset: no model configured. missing: the
 * configured model is not installed. unsuitable: installed, but it cannot do the
 * job (no fill-in-the-middle; an embedding model for chat).
 */
export type SetupRoleStatus = 'ready' | 'off' | 'unset' | 'missing' | 'unsuitable';

/** A model the view offers to pull for a role. */
export interface PullChoice {
  readonly name: string;
  /** Download size; absent when Hearth does not know it (a configured model of the user's). */
  readonly sizeBytes?: number;
  /** GPU memory it wants, e.g. "4 GB GPU or CPU". */
  readonly fits?: string;
  readonly note: string;
}

export interface SetupRoleSummary {
  readonly role: ModelRole;
  readonly status: SetupRoleStatus;
  /** The configured model ('' when unset). */
  readonly model: string;
  /** What is the matter, or what is ready; may contain `inline code`. */
  readonly message: string;
  /** Installed models that would do for the role. */
  readonly alternatives: readonly string[];
  /** Models to pull for the role, not installed yet: the configured one first when it is missing. */
  readonly pulls: readonly PullChoice[];
}

export interface SetupSummary {
  /** True while a step waits for the user; false while connecting (nothing is known yet). */
  readonly needed: boolean;
  readonly daemon: 'connecting' | 'down' | 'ready';
  /**
   * Down because nothing answers at the address: installing or starting Ollama
   * helps. False for the other ways down (bad address, refused credentials, a
   * hung daemon), whose message in `connection` says what to do.
   */
  readonly notRunning: boolean;
  /** How to install and start Ollama where the extension host runs, e.g. 'Linux'. */
  readonly platform: string;
  readonly startSteps: readonly SetupInstruction[];
  /** Per role; empty until the daemon answers. */
  readonly roles: readonly SetupRoleSummary[];
}

/** A pull running (or just failed) in this window, started from the view, the palette or the walkthrough. */
export interface PullSummary {
  readonly model: string;
  readonly role?: ModelRole;
  readonly status: 'running' | 'failed';
  /** 0–100 over all layers; only moves forward. */
  readonly percent: number;
  /** The daemon's current step ("pulling 3f2a1b2c… 41% (1.2 GB of 2.9 GB)") or why it failed. */
  readonly message: string;
}

export type DiagnosticStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface DiagnosticLine {
  readonly id: string;
  readonly title: string;
  readonly status: DiagnosticStatus;
  /** May contain `inline code`. */
  readonly detail: string;
  readonly fix?: string;
}

export type DiagnosticsSummary =
  | { readonly status: 'running'; readonly step: string }
  | { readonly status: 'done'; readonly ranAt: number; readonly summary: string; readonly checks: readonly DiagnosticLine[] }
  | { readonly status: 'failed'; readonly message: string };

export type DiagnosticsAction = 'run' | 'cancel' | 'copy' | 'open';
export const DIAGNOSTICS_ACTIONS: readonly DiagnosticsAction[] = ['run', 'cancel', 'copy', 'open'];

export type SetupAction = 'openDownloadPage' | 'openWalkthrough';
export const SETUP_ACTIONS: readonly SetupAction[] = ['openDownloadPage', 'openWalkthrough'];

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
  /** Present but not used (a link out of the folder, not a regular file, not UTF-8 text); the warnings say why. */
  readonly refused: boolean;
}

export type InstructionsSummary =
  | { readonly status: 'disabled' }
  | { readonly status: 'untrusted' }
  | { readonly status: 'noFolder' }
  /** The active file is in no workspace folder (untitled, or opened from elsewhere), so no repository's instructions apply. */
  | { readonly status: 'outsideWorkspace'; readonly file: string }
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
      /** Files and imports left out, each naming the file and why ("AGENTS.md: not used, it is a symbolic link to …"). */
      readonly warnings?: readonly string[];
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
  readonly setup: SetupSummary;
  readonly pulls: readonly PullSummary[];
  /** The last diagnostics run in this window, if any. */
  readonly diagnostics?: DiagnosticsSummary;
}

// ---- Chat ---------------------------------------------------------------

/** A file or part of one attached to a chat message. The text itself stays on the host. */
export interface ContextChip {
  readonly id: string;
  /** selection: the active editor's selection; visible: its visible lines; file: picked with @. */
  readonly kind: 'selection' | 'visible' | 'file';
  /** Short label, e.g. 'app.ts:12-30'. */
  readonly label: string;
  /** Workspace-relative path (or the file name outside a workspace), for tooltips. */
  readonly path: string;
  readonly tokens: number;
  /** Cut to the per-attachment limit. */
  readonly truncated: boolean;
}

export type ChatTurnStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

export interface ChatUserTurn {
  readonly id: string;
  readonly role: 'user';
  readonly text: string;
  /** What was attached when it was sent (labels only). */
  readonly context: readonly ContextChip[];
  readonly createdAt: number;
}

export interface ChatTurnError {
  readonly message: string;
  /** Retry re-runs this turn; the others are the panel's actions. */
  readonly actions: readonly { readonly id: ActionId | 'retryTurn'; readonly label: string }[];
}

export interface ChatTurnStats {
  readonly promptTokens: number;
  readonly evalTokens: number;
  readonly tokensPerSecond?: number;
  readonly totalMs: number;
}

export interface ChatAssistantTurn {
  readonly id: string;
  readonly role: 'assistant';
  readonly model: string;
  /** Markdown from the model: untrusted, rendered only through the sanitizer. */
  readonly text: string;
  /** A thinking model's reasoning, shown collapsed apart from the answer. */
  readonly thinking: string;
  readonly status: ChatTurnStatus;
  readonly error?: ChatTurnError;
  readonly stats?: ChatTurnStats;
  readonly createdAt: number;
}

export type ChatTurn = ChatUserTurn | ChatAssistantTurn;

export interface ConversationSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
  readonly turns: number;
}

export interface ChatModelOption {
  readonly name: string;
  readonly parameterSize: string;
  readonly thinking: boolean;
}

export interface ChatBudget {
  /** Estimated tokens of the next request (system + instructions + history + context + draft). */
  readonly promptTokens: number;
  /** The context window the request gets: num_ctx, capped by the model's own length. */
  readonly contextTokens: number;
  /** Tokens kept free for the answer. */
  readonly reservedTokens: number;
  /** Oldest turns left out of the next request because the conversation outgrew the window. */
  readonly droppedTurns: number;
}

/** Why the chat cannot answer yet, with the way out. */
export interface ChatSetupHint {
  readonly reason: 'connecting' | 'down' | 'noModels' | 'modelMissing';
  readonly message: string;
  readonly actions: readonly { readonly id: ActionId; readonly label: string }[];
}

export type ChatInstructionsSummary =
  | { readonly status: 'disabled' | 'untrusted' | 'noFolder' | 'outsideWorkspace' }
  | { readonly status: 'ready'; readonly files: readonly string[]; readonly tokens: number };

/** Everything about the chat except the turns themselves. */
export interface ChatSession {
  readonly conversations: readonly ConversationSummary[];
  readonly activeId: string;
  readonly title: string;
  /** This conversation's model. */
  readonly model: string;
  readonly models: readonly ChatModelOption[];
  /** Attached to the next message. */
  readonly context: readonly ContextChip[];
  readonly budget: ChatBudget;
  readonly instructions: ChatInstructionsSummary;
  readonly streaming: boolean;
  readonly setup?: ChatSetupHint;
  /** e.g. a corrupted conversation file that was set aside. */
  readonly warnings: readonly string[];
}

export type CodeAction = 'copy' | 'insert' | 'apply' | 'saveAs';
export const CODE_ACTIONS: readonly CodeAction[] = ['copy', 'insert', 'apply', 'saveAs'];

export type HostToWebview =
  | { readonly type: 'state'; readonly state: PanelState }
  | { readonly type: 'chatSession'; readonly session: ChatSession }
  /** Replaces every turn shown (load, switch, edit-and-resend, regenerate). */
  | { readonly type: 'chatTurns'; readonly conversationId: string; readonly turns: readonly ChatTurn[] }
  /** Adds or replaces one turn. */
  | { readonly type: 'chatTurn'; readonly conversationId: string; readonly turn: ChatTurn }
  /** Text appended to a streaming assistant turn. */
  | { readonly type: 'chatDelta'; readonly conversationId: string; readonly turnId: string; readonly text: string; readonly thinking: string }
  /** Puts text into the input (and focuses it). */
  | { readonly type: 'chatCompose'; readonly text: string }
  | { readonly type: 'showTab'; readonly tab: ViewTab };

export type ViewTab = 'chat' | 'status';

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'retry' }
  | { readonly type: 'refreshModels' }
  | { readonly type: 'setModel'; readonly role: ModelRole; readonly model: string }
  | { readonly type: 'runAction'; readonly action: ActionId }
  | { readonly type: 'openInstructionFile'; readonly path: string }
  | { readonly type: 'manageTrust' }
  | { readonly type: 'showEffectiveInstructions' }
  | { readonly type: 'createAgentsMd' }
  /** Pull a model the setup offered for `role`, then select it; the host checks it was offered. */
  | { readonly type: 'pullForRole'; readonly role: ModelRole; readonly model: string }
  | { readonly type: 'cancelPull'; readonly model: string }
  | { readonly type: 'diagnostics'; readonly action: DiagnosticsAction }
  | { readonly type: 'setupAction'; readonly action: SetupAction }
  | { readonly type: 'chatSend'; readonly text: string }
  | { readonly type: 'chatStop' }
  /** Runs the assistant turn again (also Retry after an error). */
  | { readonly type: 'chatRegenerate'; readonly turnId: string }
  /** Replaces a user turn's text, drops what followed it, and sends again. */
  | { readonly type: 'chatEditResend'; readonly turnId: string; readonly text: string }
  | { readonly type: 'chatNew' }
  | { readonly type: 'chatOpen'; readonly conversationId: string }
  | { readonly type: 'chatRename'; readonly conversationId: string }
  | { readonly type: 'chatDelete'; readonly conversationId: string }
  | { readonly type: 'chatExport'; readonly conversationId: string }
  | { readonly type: 'chatSetModel'; readonly model: string }
  | { readonly type: 'chatRemoveContext'; readonly chipId: string }
  | { readonly type: 'chatAttachFile' }
  /** `code` must occur in that turn's text: the host checks, so only model output reaches the editor. */
  | { readonly type: 'chatCodeAction'; readonly action: CodeAction; readonly turnId: string; readonly code: string; readonly language: string }
  /** A link in a reply; the host decides whether and how to open it. */
  | { readonly type: 'chatOpenLink'; readonly href: string };

const MAX_MODEL_NAME = 256;
/** Limits on what the webview may send: generous for people, small for a flood. */
export const MAX_CHAT_TEXT = 100_000;
export const MAX_CODE_TEXT = 1_000_000;
const MAX_HREF = 2048;
const MAX_LANGUAGE = 64;

/** Model names are registry references: no whitespace (of any script) or control characters. */
export function isModelName(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_MODEL_NAME) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || /\s/.test(value[i] ?? '')) return false;
  }
  return true;
}

/** Ids the host generated: conversations, turns, chips. */
function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max && !value.includes('\u0000');
}

function isNonEmptyText(value: unknown, max: number): value is string {
  return isText(value, max) && value.trim().length > 0;
}

/** Returns the message if it is exactly one of WebviewToHost, else undefined. */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const m = value as Record<string, unknown>;
  const keys = Object.keys(m);
  const only = (...allowed: string[]): boolean => keys.every((k) => k === 'type' || allowed.includes(k));
  switch (m.type) {
    case 'ready':
    case 'retry':
    case 'refreshModels':
    case 'manageTrust':
    case 'showEffectiveInstructions':
    case 'createAgentsMd':
    case 'chatStop':
    case 'chatNew':
    case 'chatAttachFile':
      return only() ? { type: m.type } : undefined;
    case 'openInstructionFile':
      // Only a shape check here; the host also requires the path to be one it listed.
      return only('path') && isText(m.path, 1024) && m.path.length > 0 ? { type: 'openInstructionFile', path: m.path } : undefined;
    case 'setModel':
      return only('role', 'model') && (m.role === 'completion' || m.role === 'chat') && isModelName(m.model)
        ? { type: 'setModel', role: m.role, model: m.model }
        : undefined;
    case 'pullForRole':
      return only('role', 'model') && (m.role === 'completion' || m.role === 'chat') && isModelName(m.model)
        ? { type: 'pullForRole', role: m.role, model: m.model }
        : undefined;
    case 'cancelPull':
      return only('model') && isModelName(m.model) ? { type: 'cancelPull', model: m.model } : undefined;
    case 'diagnostics':
      return only('action') && (DIAGNOSTICS_ACTIONS as readonly unknown[]).includes(m.action)
        ? { type: 'diagnostics', action: m.action as DiagnosticsAction }
        : undefined;
    case 'setupAction':
      return only('action') && (SETUP_ACTIONS as readonly unknown[]).includes(m.action)
        ? { type: 'setupAction', action: m.action as SetupAction }
        : undefined;
    case 'runAction':
      return only('action') && typeof m.action === 'string' && (ACTION_IDS as readonly string[]).includes(m.action)
        ? { type: 'runAction', action: m.action as ActionId }
        : undefined;
    case 'chatSend':
      return only('text') && isNonEmptyText(m.text, MAX_CHAT_TEXT) ? { type: 'chatSend', text: m.text } : undefined;
    case 'chatRegenerate':
      return only('turnId') && isId(m.turnId) ? { type: 'chatRegenerate', turnId: m.turnId } : undefined;
    case 'chatEditResend':
      return only('turnId', 'text') && isId(m.turnId) && isNonEmptyText(m.text, MAX_CHAT_TEXT)
        ? { type: 'chatEditResend', turnId: m.turnId, text: m.text }
        : undefined;
    case 'chatOpen':
    case 'chatRename':
    case 'chatDelete':
    case 'chatExport':
      return only('conversationId') && isId(m.conversationId) ? { type: m.type, conversationId: m.conversationId } : undefined;
    case 'chatSetModel':
      return only('model') && isModelName(m.model) ? { type: 'chatSetModel', model: m.model } : undefined;
    case 'chatRemoveContext':
      return only('chipId') && isId(m.chipId) ? { type: 'chatRemoveContext', chipId: m.chipId } : undefined;
    case 'chatCodeAction':
      return only('action', 'turnId', 'code', 'language') &&
        (CODE_ACTIONS as readonly unknown[]).includes(m.action) &&
        isId(m.turnId) &&
        isNonEmptyText(m.code, MAX_CODE_TEXT) &&
        typeof m.language === 'string' &&
        /^[\w+#.-]{0,64}$/.test(m.language) &&
        m.language.length <= MAX_LANGUAGE
        ? { type: 'chatCodeAction', action: m.action as CodeAction, turnId: m.turnId, code: m.code, language: m.language }
        : undefined;
    case 'chatOpenLink':
      return only('href') && isNonEmptyText(m.href, MAX_HREF) ? { type: 'chatOpenLink', href: m.href } : undefined;
    default:
      return undefined;
  }
}

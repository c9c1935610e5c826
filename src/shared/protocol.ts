// The one host↔webview protocol: every message either side sends, and what
// the chat's messages carry. The webview bundle and the extension both compile
// src/shared/, which imports nothing outside itself. Every message from the
// webview is untrusted until parseWebviewMessage accepts it.
import type { ActionId } from './actions';
import type { AgentAvailability, AgentDecision, AgentRunView, ChatMode } from './agentView';
import type { ModelRole, StatusTabState } from './statusTab';

export const DIAGNOSTICS_ACTIONS = ['run', 'cancel', 'copy', 'open'] as const;
export type DiagnosticsAction = (typeof DIAGNOSTICS_ACTIONS)[number];

export const SETUP_ACTIONS = ['openDownloadPage', 'openWalkthrough'] as const;
export type SetupAction = (typeof SETUP_ACTIONS)[number];

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

/** What had to give for one request to fit the model's context window. */
export interface ChatTrim {
  /** The window the request was fitted to: num_ctx, capped by the model's own length. */
  readonly contextTokens: number;
  /** Earlier turns not sent (the oldest first). */
  readonly droppedTurns: number;
  /** Labels of the attachments cut to fit. */
  readonly attachments: readonly string[];
  /** The instructions were cut from the root end (the nearest AGENTS.md is kept). */
  readonly instructions: boolean;
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
  /** Set when the request that this answers was trimmed to fit: shown with the answer. */
  readonly trim?: ChatTrim;
  /** An agent run's steps, approvals and changes (agent mode); the turn's text is its final answer. */
  readonly agent?: AgentRunView;
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
  /** Estimated tokens of the next request without the draft (system + instructions + history + attachments); the webview adds the draft. */
  readonly promptTokens: number;
  /** The context window the request gets: num_ctx, capped by the model's own length. */
  readonly contextTokens: number;
  /** Tokens kept free for the answer. */
  readonly reservedTokens: number;
  /** Oldest turns left out of the next request because the conversation outgrew the window. */
  readonly droppedTurns: number;
  /** Attachments the next request would cut to fit (labels). */
  readonly trimmedAttachments: readonly string[];
  /** The next request would cut the instructions from the root end. */
  readonly instructionsTrimmed: boolean;
  /** The estimate's characters per token, so the webview counts the draft as it is typed. */
  readonly charsPerToken: number;
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
  /** Ask (the default) or Agent; Agent only while `agent.available`. */
  readonly mode: ChatMode;
  readonly agent: AgentAvailability;
  readonly setup?: ChatSetupHint;
  /** e.g. a corrupted conversation file that was set aside. */
  readonly warnings: readonly string[];
}

export const CODE_ACTIONS = ['copy', 'insert', 'apply', 'saveAs'] as const;
export type CodeAction = (typeof CODE_ACTIONS)[number];

/** A code block button's action, as the host carries it out. */
export function isCodeAction(value: unknown): value is CodeAction {
  return (CODE_ACTIONS as readonly unknown[]).includes(value);
}

export type HostToWebview =
  | { readonly type: 'state'; readonly state: StatusTabState }
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
  | { readonly type: 'chatOpenLink'; readonly href: string }
  /** Opens the request behind an answer in the Inspector; with `step`, the request of that agent model step. */
  | { readonly type: 'inspectTurn'; readonly turnId: string; readonly step?: number }
  | { readonly type: 'chatSetMode'; readonly mode: ChatMode }
  /** Approve or reject the step an agent run waits on; the host checks it is that run's pending step. */
  | { readonly type: 'chatAgentDecide'; readonly turnId: string; readonly stepId: number; readonly decision: AgentDecision }
  /** Opens VS Code's diff editor: the pending edit of `stepId`, or (stepId 0) the run's change to `path`. */
  | { readonly type: 'chatAgentDiff'; readonly turnId: string; readonly stepId: number; readonly path: string }
  /** Restores what the run changed and deletes what it created. */
  | { readonly type: 'chatAgentUndo'; readonly turnId: string };

/** Limits on what the webview may send: generous for people, small for a flood. */
export const MAX_CHAT_TEXT = 100_000;
export const MAX_CODE_TEXT = 1_000_000;

// ---- Inspector (its own webview editor) ----------------------------------

/** One request in the Inspector's list. */
export interface InspectorSummary {
  readonly id: number;
  /** Epoch milliseconds. */
  readonly time: number;
  readonly kind: string;
  readonly originId?: string;
  readonly model: string;
  readonly endpoint: string;
  /** How it ended, in words ("running" while it streams). */
  readonly status: string;
}

export interface InspectorFact {
  readonly label: string;
  readonly value: string;
}

/** A block of text in the detail: a prompt (FIM tokens marked), code (JSON), or plain notes. */
export interface InspectorSection {
  readonly title: string;
  readonly text: string;
  readonly style: 'prompt' | 'code' | 'plain';
  /** Literal strings to mark in the text (the model's special tokens). */
  readonly marks?: readonly string[];
}

export interface InspectorDetail {
  readonly summary: InspectorSummary;
  readonly facts: readonly InspectorFact[];
  readonly sections: readonly InspectorSection[];
  /** E.g. "truncated in the inspector: …"; shown above everything else. */
  readonly notes: readonly string[];
}

export type HostToInspector =
  | { readonly type: 'inspectorList'; readonly entries: readonly InspectorSummary[]; readonly selected?: number }
  | { readonly type: 'inspectorDetail'; readonly detail: InspectorDetail | undefined };

export const INSPECTOR_ENTRY_ACTIONS = ['select', 'copyCurl', 'saveJson'] as const;
export type InspectorEntryAction = (typeof INSPECTOR_ENTRY_ACTIONS)[number];

export type InspectorToHost =
  | { readonly type: 'inspectorReady' }
  | { readonly type: 'inspectorClear' }
  | { readonly type: 'inspectorEntry'; readonly action: InspectorEntryAction; readonly id: number };

import type { ConnectionState } from '../connection/connectionMonitor';
import type { Disposable } from '../emitter';
import type { ModelServer } from '../engine/modelServer';
import type { InstructionsSummary } from '../../shared/statusTab';
import type { ContextChip, HostToWebview } from '../../shared/protocol';
import type { Attachment } from './conversation';

// What the chat core is handed by the editor side. Everything here is an
// interface: the VS Code adapters implement it in src/features/chat, the unit
// tests with plain objects.

/** Posts to the webview; false when it is not loaded (it asks for everything when it loads). */
export type PostToView = (message: HostToWebview) => boolean;

/** What the next message carries from the editor: the chips the view shows and the text behind them. */
export interface ChatContext {
  chips(): ContextChip[];
  attachments(): Attachment[];
  /** The attachments as the editor has them right now (the selection may have moved since the last chip). */
  snapshot(): Attachment[];
  /** Picked files go with one message; the editor's chip stays. */
  clearFiles(): void;
}

/** How the chat speaks to the user outside the view. */
export interface ChatNotifications {
  /** A problem the user should know about (a conversation that could not be saved or read). */
  warn(message: string): void;
  /** A passing note, e.g. in the status bar. */
  flash(message: string, ms: number): void;
}

/** The instructions for the active file: what the view shows, and the exact text a request carries. */
export interface ChatInstructions {
  readonly summary: InstructionsSummary;
  /** The AGENTS.md chain ('' when none applies). */
  readonly text: string;
}

/** The state of the world the chat reads when it shows itself or builds a request. */
export interface ChatEnvironment {
  connection(): ConnectionState;
  /** hearth.chat.model: the model of new conversations. */
  chatModel(): string;
  /** hearth.ollama.numCtx: the context window asked for, before the model's own limit. */
  numCtx(): number;
  /** hearth.chat.maxReplyBytes: an answer longer than this is stopped. */
  maxReplyBytes(): number;
  instructions(): ChatInstructions;
}

/** Remembers which conversation was open, across reloads (VS Code's workspace state fits). */
export interface ChatMemory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** The daemon, for answers. */
export interface AnswerEngine {
  readonly server: Pick<ModelServer, 'chat' | 'hostLabel'>;
  /** While held, completions wait or pause: chat and completions share the daemon's slot. */
  beginChatStream(): Disposable;
}

import type { Disposable } from '../emitter';
import type { AgentModelServer, ToolExecutor } from './agentTypes';

// What the agent's conversation side is handed by the editor: the model
// server behind the GPU arbiter, the workspace's confined tools, the user's
// settings and a diff viewer. The VS Code side implements it in
// src/features/agent; unit tests with plain objects.

/** The tools over one workspace folder, plus the removal Undo needs for files a run created. */
export interface AgentWorkspace {
  /** The folder's path, for the lexical path check before the executor's real-path one. */
  readonly root: string;
  readonly executor: ToolExecutor;
  /** Deletes a file the run created, only while it still holds `expected`, else ToolFailure. */
  removeFile(path: string, expected: string, signal: AbortSignal): Promise<void>;
}

/** The hearth.agent.* settings. */
export interface AgentSettings {
  readonly maxSteps: number;
  readonly tokenBudget: number;
  readonly autoApproveEdits: boolean;
  readonly commandTimeoutMs: number;
  readonly commandOutputChars: number;
}

export interface AgentRuntime {
  readonly server: AgentModelServer;
  /** The same hold the chat takes on the daemon's slot: completions wait or pause while it is held. */
  beginChatStream(): Disposable;
  /** Workspace Trust: an untrusted workspace gets no agent at all. */
  trusted(): boolean;
  /** The first workspace folder on disk, or undefined (no folder, or one only reachable through workspace.fs). */
  workspace(): AgentWorkspace | undefined;
  settings(): AgentSettings;
  /** Opens the editor's diff of `before` → `after` for `path` (nothing is written). */
  showDiff(path: string, before: string, after: string, title: string): Promise<void>;
}

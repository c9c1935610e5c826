// What the Chat tab shows of agent mode: the mode switch's state, and one run
// as it is drawn under its answer turn. Host and webview both compile this;
// every string in it that came from a model or the repository is untrusted
// and is drawn as text, never as HTML.

export const CHAT_MODES = ['ask', 'agent'] as const;
export type ChatMode = (typeof CHAT_MODES)[number];

/** A model the view can offer when the chat model cannot call tools. */
export interface AgentModelOffer {
  readonly name: string;
  /** e.g. '4.7 GB'. */
  readonly size: string;
  readonly installed: boolean;
}

/** Whether the Agent mode can be picked, and if not, why and what would help. */
export type AgentAvailability =
  | { readonly available: true }
  | {
      readonly available: false;
      readonly reason: 'untrusted' | 'noFolder' | 'notConnected' | 'noTools';
      readonly message: string;
      /** Tool-capable models to switch to (installed) or pull (recommended). */
      readonly offers: readonly AgentModelOffer[];
    };

export type AgentStepState = 'running' | 'ok' | 'error' | 'rejected' | 'skipped';

export interface AgentStepView {
  readonly id: number;
  /** 'model': one request to the model (its text as it streams); 'tool': one tool call. */
  readonly kind: 'model' | 'tool';
  /** The tool's name, or '' for a model step. */
  readonly tool: string;
  /** The call's arguments as JSON (capped). */
  readonly args: string;
  readonly state: AgentStepState;
  /** A model step's text, or what the tool step told the model (capped). */
  readonly result: string;
  readonly startedAt: number;
  readonly endedAt?: number;
  readonly approval?: 'auto' | 'approved' | 'rejected' | 'remembered';
}

/** A step waiting for the user: the exact change or the exact command line. */
export type AgentApprovalView =
  | {
      readonly kind: 'edit';
      readonly stepId: number;
      readonly tool: 'edit_file' | 'create_file';
      readonly path: string;
      /** The exact text replaced ('' when the file is created). */
      readonly oldText: string;
      /** The exact text written in its place (a created file's whole content). */
      readonly newText: string;
      readonly created: boolean;
    }
  | {
      readonly kind: 'command';
      readonly stepId: number;
      readonly line: string;
      /** Runs as `/bin/sh -c line` (pipes, redirections…); otherwise argv without a shell. */
      readonly shell: boolean;
    };

export interface AgentNoteView {
  readonly kind: string;
  readonly text: string;
  readonly at: number;
}

export interface AgentChangeView {
  readonly path: string;
  readonly created: boolean;
}

export type AgentUndoView = { readonly state: 'undone'; readonly at: number; readonly problems: readonly string[] };

/** One agent run, drawn under its answer turn; the answer itself is the turn's text. */
export interface AgentRunView {
  readonly steps: readonly AgentStepView[];
  readonly notes: readonly AgentNoteView[];
  readonly pending?: AgentApprovalView;
  /** Files the run changed or created: the summary, each openable as a diff. */
  readonly changes: readonly AgentChangeView[];
  readonly outcome?: 'answered' | 'cancelled' | 'needsUser' | 'failed';
  readonly tokensSent: number;
  readonly undo?: AgentUndoView;
}

export const AGENT_DECISIONS = ['approve', 'approveAlways', 'reject'] as const;
/** approveAlways: allow this exact command line for the rest of the conversation. */
export type AgentDecision = (typeof AGENT_DECISIONS)[number];

// The Status tab's state as the host sends it ({ type: 'state' } in
// protocol.ts): connection, setup steps, models, pulls, diagnostics,
// instructions, completion figures.
import type { ActionId } from './actions';

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

export type ConnectionSummary =
  | { readonly status: 'connecting'; readonly host: string }
  /** `notReported`: what this engine does not tell Hearth (set for the OpenAI-compatible engine). */
  | { readonly status: 'connected'; readonly host: string; readonly version: string; readonly notReported?: readonly string[] }
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

export interface StatusTabState {
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

// The agent's contracts with the outside: the model server, the tool executor
// the VS Code side implements (with real-path confinement), the approval
// callback and the events the view draws. Engine-agnostic and free of vscode.
import type { ToolDefinition } from '../engine/engineTypes';
import type { ModelServer } from '../engine/modelServer';
import type { CommandSpec } from './commandLine';

/** A tool as the model is told about it: the engine's ToolDefinition with the small schemas the agent's tools use. */
export interface ToolSpec extends ToolDefinition {
  readonly function: {
    readonly name: string;
    readonly description: string;
    readonly parameters: {
      readonly type: 'object';
      readonly properties: Readonly<Record<string, { readonly type: string; readonly description: string }>>;
      readonly required: readonly string[];
    };
  };
}

/** What the run asks of the model server: one request per model turn. Aborting its signal must close the request (and stop generation). */
export type AgentModelServer = Pick<ModelServer, 'chatWithTools'>;

/** A failure the model can act on: its message goes back to the model as the tool's result. */
export class ToolFailure extends Error {
  override readonly name = 'ToolFailure';
}

export type FileText = { readonly exists: true; readonly text: string } | { readonly exists: false };
export interface DirEntry { readonly name: string; readonly kind: 'file' | 'dir' | 'other' }
export interface SearchQuery { readonly pattern: string; readonly regex: boolean; readonly path: string; readonly maxResults: number }
export interface SearchMatch { readonly path: string; readonly line: number; readonly text: string }
export interface CommandResult {
  readonly exitCode: number | null;
  /** stdout and stderr interleaved as they arrived, already capped by the executor. */
  readonly output: string;
  readonly outputTruncated: boolean;
  readonly timedOut: boolean;
}
export interface DiagnosticItem { readonly line: number; readonly severity: 'error' | 'warning' | 'info' | 'hint'; readonly message: string; readonly source?: string }

/**
 * What the VS Code side implements. Paths are workspace-relative with `/`,
 * already checked by the core for `..`, absolute and drive forms; the
 * executor still confines every one by REAL path (symlinks, junctions) through
 * the trust module and throws ToolFailure("…outside the workspace") when it
 * escapes. Every method throws ToolFailure for what the model should hear
 * about (missing file, binary file, not a directory); anything else is a bug.
 */
export interface ToolExecutor {
  /** The exact decoded text (BOM and line endings kept, so writing it back is byte for byte); refuses binary and non-UTF-8 files. */
  readText(path: string, signal: AbortSignal): Promise<FileText>;
  listDir(path: string, signal: AbortSignal): Promise<readonly DirEntry[]>;
  /** Honours .gitignore and files.exclude; at most `maxResults` matches. */
  search(query: SearchQuery, signal: AbortSignal): Promise<{ readonly matches: readonly SearchMatch[]; readonly truncated: boolean }>;
  /** Writes only while the file still holds `expected` (undefined: must not exist), else ToolFailure; creates parent folders. */
  writeText(path: string, text: string, expected: string | undefined, signal: AbortSignal): Promise<void>;
  /** Runs in the workspace folder; aborting `signal` kills the whole process tree. */
  runCommand(command: CommandSpec, limits: { readonly timeoutMs: number; readonly maxOutputChars: number }, signal: AbortSignal): Promise<CommandResult>;
  diagnostics(path: string, signal: AbortSignal): Promise<readonly DiagnosticItem[]>;
}

/** What the user is asked to approve: the exact diff or the exact command line. */
export type ApprovalRequest =
  | { readonly kind: 'edit'; readonly stepId: number; readonly tool: 'edit_file' | 'create_file'; readonly path: string; readonly before: string | undefined; readonly after: string }
  | { readonly kind: 'command'; readonly stepId: number; readonly command: CommandSpec };

export type ApprovalDecision =
  | { readonly approved: true; /** Allow this exact command line again in this conversation. */ readonly rememberCommand?: boolean }
  | { readonly approved: false; readonly reason?: string };

/** Resolves when the user decides; rejects (or resolves rejected) when `signal` aborts. */
export type ApproveFn = (request: ApprovalRequest, signal: AbortSignal) => Promise<ApprovalDecision>;

export type StepStatus = 'ok' | 'error' | 'rejected' | 'skipped';

export interface ToolStepRecord {
  readonly id: number;
  /** A ToolName, or the unknown name the model used. */
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly status: StepStatus;
  /** What the model was told (capped as sent). */
  readonly result: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly approval?: 'auto' | 'approved' | 'rejected' | 'remembered';
  /** Repairs applied to the model's call before it ran, in words. */
  readonly repairs?: readonly string[];
}

export interface ModelStepRecord {
  readonly id: number;
  readonly text: string;
  readonly thinking: string;
  readonly promptTokens: number;
  readonly evalTokens: number;
  readonly startedAt: number;
  readonly endedAt: number;
}

export type NoteKind = 'repair' | 'callError' | 'trim' | 'loop' | 'nudge' | 'budget';
export interface RunNote { readonly kind: NoteKind; readonly text: string; readonly at: number }

export type StopReason = 'loop' | 'noProgress' | 'stepLimit' | 'tokenBudget' | 'contextFull';
export type RunOutcome =
  | { readonly kind: 'answered'; readonly answer: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'needsUser'; readonly reason: StopReason; readonly message: string }
  | { readonly kind: 'failed'; readonly error: string };

export type AgentEvent =
  | { readonly kind: 'modelStepStarted'; readonly stepId: number }
  | { readonly kind: 'modelText'; readonly stepId: number; readonly text: string }
  | { readonly kind: 'modelThinking'; readonly stepId: number; readonly text: string }
  | { readonly kind: 'modelStepFinished'; readonly step: ModelStepRecord }
  | { readonly kind: 'toolStepStarted'; readonly stepId: number; readonly tool: string; readonly args: Readonly<Record<string, unknown>> }
  | { readonly kind: 'toolStepFinished'; readonly step: ToolStepRecord }
  | { readonly kind: 'note'; readonly note: RunNote }
  | { readonly kind: 'fileChanged'; readonly change: FileChange };

/** A file the run changed: `before` is null when the run created it (Undo deletes it). */
export interface FileChange { readonly path: string; readonly before: string | null; readonly after: string }

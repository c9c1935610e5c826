import type { CommandSpec } from './commandLine';
import type { ToolName } from './agentTools';

export interface ApprovalSettings {
  /** The user's "auto-approve edits" setting; off by default. There is no such setting for commands. */
  readonly autoApproveEdits: boolean;
}

/** Decided per step: run without asking, or ask the user with the exact diff or command line. */
export type ApprovalVerdict =
  | { readonly kind: 'noApproval'; readonly why: 'read' }
  | { readonly kind: 'preApproved'; readonly why: 'autoApproveEdits' | 'commandAllowedForConversation' }
  | { readonly kind: 'ask' };

const READS: ReadonlySet<ToolName> = new Set<ToolName>(['read_file', 'list_dir', 'search', 'get_diagnostics']);
const EDITS: ReadonlySet<ToolName> = new Set<ToolName>(['edit_file', 'create_file']);

/**
 * Reads inside the workspace run at once (the executor confines them by real
 * path; outside the workspace they fail, they are never asked about). Edits
 * ask unless the user turned on auto-approve for edits. Commands always ask,
 * unless the user chose "allow this exact command line for this
 * conversation" for this very line (and the same kind: argv or shell).
 */
export function approvalVerdict(tool: ToolName, command: CommandSpec | undefined, settings: ApprovalSettings, allowedCommands: ReadonlySet<string>): ApprovalVerdict {
  if (READS.has(tool)) return { kind: 'noApproval', why: 'read' };
  if (EDITS.has(tool)) return settings.autoApproveEdits ? { kind: 'preApproved', why: 'autoApproveEdits' } : { kind: 'ask' };
  if (tool === 'run_command' && command !== undefined && allowedCommands.has(commandGrantKey(command))) {
    return { kind: 'preApproved', why: 'commandAllowedForConversation' };
  }
  return { kind: 'ask' };
}

/** The key of a remembered command: its kind and its exact line, nothing normalised. */
export function commandGrantKey(command: CommandSpec): string {
  return `${command.kind}:${command.line}`;
}

/** The tool result the model reads after the user said no. */
export function rejectionMessage(what: string, reason: string | undefined): string {
  const why = reason !== undefined && reason.trim() !== '' ? ` Their reason: ${reason.trim()}` : '';
  return `The user rejected this step (${what}); it did not run.${why} Do not repeat it unchanged: adjust it, try another way, or ask the user.`;
}

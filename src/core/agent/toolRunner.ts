import type { ToolExecutor } from './agentTypes';
import { ToolFailure } from './agentTypes';
import { toCommandSpec } from './commandLine';
import type { CommandSpec } from './commandLine';
import { applyEdit } from './editText';
import type { ToolCall } from './toolArguments';

export interface ToolLimits {
  /** Most characters of a file a read returns; more says "truncated" and how to read on. */
  readonly readCapChars: number;
  readonly searchMaxResults: number;
  readonly listMaxEntries: number;
  readonly commandTimeoutMs: number;
  readonly commandOutputChars: number;
}

export const DEFAULT_TOOL_LIMITS: ToolLimits = { readCapChars: 12_000, searchMaxResults: 50, listMaxEntries: 200, commandTimeoutMs: 120_000, commandOutputChars: 8_000 };

/** A write the user must see first: the exact before and after. */
export interface PreparedWrite { readonly path: string; readonly before: string | undefined; readonly after: string; readonly repairs: readonly string[] }

export type StepResult = { readonly ok: boolean; readonly text: string };

/** 'read_file src/app.ts', 'run_command npm test': how a step is named in notes and summaries. */
export function callLabel(call: ToolCall): string {
  switch (call.tool) {
    case 'run_command': return `run_command ${call.command}`;
    case 'search': return `search "${call.query}" in ${call.path}`;
    case 'read_file': return `read_file ${call.path}${call.startLine !== undefined ? ` from line ${call.startLine}` : ''}`;
    case 'list_dir':
    case 'edit_file':
    case 'create_file':
    case 'get_diagnostics': return `${call.tool} ${call.path}`;
  }
}

export function commandOf(call: ToolCall): CommandSpec | undefined {
  return call.tool === 'run_command' ? toCommandSpec(call.command) : undefined;
}

/** Computes the write of an edit_file or create_file call, for the diff the user approves; a ToolFailure text when it cannot apply. */
export async function prepareWrite(call: ToolCall, executor: ToolExecutor, signal: AbortSignal): Promise<PreparedWrite | { error: string }> {
  try {
    if (call.tool === 'create_file') {
      const existing = await executor.readText(call.path, signal);
      if (existing.exists) return { error: `${call.path} already exists. Use edit_file to change it.` };
      return { path: call.path, before: undefined, after: call.content, repairs: [] };
    }
    if (call.tool !== 'edit_file') return { error: `${call.tool} does not write files.` };
    const file = await executor.readText(call.path, signal);
    if (!file.exists) return { error: `${call.path} does not exist. Use create_file for a new file, or list_dir to find the right path.` };
    const edited = applyEdit(call.path, file.text, call.oldText, call.newText);
    return edited.ok ? { path: call.path, before: file.text, after: edited.text, repairs: edited.repairs } : { error: edited.error };
  } catch (error) {
    return { error: failureText(error) };
  }
}

/** Runs a call that needs no further approval (a read, an approved write or command) and says what happened, for the model. */
export async function runTool(call: ToolCall, write: PreparedWrite | undefined, executor: ToolExecutor, limits: ToolLimits, signal: AbortSignal): Promise<StepResult> {
  try {
    switch (call.tool) {
      case 'read_file': return await readFile(call, executor, limits, signal);
      case 'list_dir': {
        const entries = await executor.listDir(call.path, signal);
        const shown = entries.slice(0, limits.listMaxEntries).map((e) => (e.kind === 'dir' ? `${e.name}/` : e.name));
        const more = entries.length > shown.length ? `\n[truncated: ${entries.length - shown.length} more entries not shown]` : '';
        return { ok: true, text: shown.length === 0 ? `${call.path} is empty.` : `${shown.join('\n')}${more}` };
      }
      case 'search': {
        const found = await executor.search({ pattern: call.query, regex: call.regex, path: call.path, maxResults: limits.searchMaxResults }, signal);
        if (found.matches.length === 0) return { ok: true, text: `No matches for "${call.query}" in ${call.path}.` };
        const lines = found.matches.map((m) => `${m.path}:${m.line}: ${m.text.length > 200 ? `${m.text.slice(0, 200)}…` : m.text}`);
        return { ok: true, text: `${lines.join('\n')}${found.truncated ? `\n[truncated: only the first ${found.matches.length} matches are shown; narrow the search]` : ''}` };
      }
      case 'edit_file':
      case 'create_file': {
        if (!write) return { ok: false, text: 'Internal error: no prepared write.' };
        await executor.writeText(write.path, write.after, write.before, signal);
        return { ok: true, text: call.tool === 'create_file' ? `Created ${write.path}.` : `Edited ${write.path}.` };
      }
      case 'run_command': {
        const command = toCommandSpec(call.command);
        const result = await executor.runCommand(command, { timeoutMs: limits.commandTimeoutMs, maxOutputChars: limits.commandOutputChars }, signal);
        const status = result.timedOut ? `timed out after ${Math.round(limits.commandTimeoutMs / 1000)} s` : `exit code ${result.exitCode ?? 'none'}`;
        const output = result.output.trim() === '' ? '(no output)' : result.output;
        return { ok: !result.timedOut && result.exitCode === 0, text: `$ ${command.line}\n${output}${result.outputTruncated ? '\n[output truncated]' : ''}\n[${status}]` };
      }
      case 'get_diagnostics': {
        const items = await executor.diagnostics(call.path, signal);
        if (items.length === 0) return { ok: true, text: `No problems reported for ${call.path}.` };
        return { ok: true, text: items.slice(0, 50).map((d) => `${call.path}:${d.line}: ${d.severity}: ${d.message}${d.source ? ` (${d.source})` : ''}`).join('\n') };
      }
    }
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, text: failureText(error) };
  }
}

async function readFile(call: Extract<ToolCall, { tool: 'read_file' }>, executor: ToolExecutor, limits: ToolLimits, signal: AbortSignal): Promise<StepResult> {
  const file = await executor.readText(call.path, signal);
  if (!file.exists) return { ok: false, text: `${call.path} does not exist. Use list_dir or search to find the right path.` };
  if (file.text === '') return { ok: true, text: `${call.path} is empty.` };
  const lines = file.text.split(/\r?\n/);
  // A final line break ends the last line; it does not start another.
  if (lines.at(-1) === '') lines.pop();
  const total = lines.length;
  if ((call.startLine ?? 1) > total) return { ok: false, text: `${call.path} has ${total} line${total === 1 ? '' : 's'}; start_line ${call.startLine ?? 1} is past its end.` };
  const first = Math.min(call.startLine ?? 1, total);
  const last = Math.min(call.endLine ?? total, total);
  let shownLast = first - 1;
  let size = 0;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    let line = lines[n - 1] ?? '';
    if (size + line.length + 1 > limits.readCapChars && out.length > 0) break;
    // One huge line (minified code, data) is cut, not returned whole.
    if (line.length > limits.readCapChars) line = `${line.slice(0, limits.readCapChars)} … [line truncated]`;
    out.push(line);
    size += line.length + 1;
    shownLast = n;
  }
  const range = first === 1 && shownLast === total ? `${total} lines` : `lines ${first}–${shownLast} of ${total}`;
  const truncated = shownLast < last ? `\n[truncated: showing lines ${first}–${shownLast} of ${total}; call read_file with start_line ${shownLast + 1} to read on]` : '';
  return { ok: true, text: `${call.path} (${range}):\n${out.join('\n')}${truncated}` };
}

function failureText(error: unknown): string {
  if (error instanceof ToolFailure) return error.message;
  return `The tool failed: ${error instanceof Error ? error.message : String(error)}`;
}

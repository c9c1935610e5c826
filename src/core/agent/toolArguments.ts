import { toolDefinition, toolSignature } from './agentTools';
import type { ArgSpec, ArgType, ToolName } from './agentTools';
import { joinCommandLine } from './commandLine';
import { parseLenientJson } from './lenientJson';
import { checkWorkspacePath } from './workspacePath';

export type ToolCall =
  | { readonly tool: 'read_file'; readonly path: string; readonly startLine?: number; readonly endLine?: number }
  | { readonly tool: 'list_dir'; readonly path: string }
  | { readonly tool: 'search'; readonly query: string; readonly regex: boolean; readonly path: string }
  | { readonly tool: 'edit_file'; readonly path: string; readonly oldText: string; readonly newText: string }
  | { readonly tool: 'create_file'; readonly path: string; readonly content: string }
  | { readonly tool: 'run_command'; readonly command: string }
  | { readonly tool: 'get_diagnostics'; readonly path: string };

export type ArgumentCheck =
  | { readonly ok: true; readonly call: ToolCall; /** Canonical names and types, as the call is replayed to the model. */ readonly args: Record<string, unknown>; readonly repairs: readonly string[] }
  | { readonly ok: false; readonly error: string };

export interface ArgumentOptions { readonly repair: boolean; readonly workspaceRoot?: string }

// Names small models put where ours belong (opencode/opilot reports show
// `filePath`; Roo's show `path` left out for `file`). One alias never maps
// to two of a tool's arguments, so a rename is never a guess.
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  path: ['file', 'filepath', 'file_path', 'filePath', 'filename', 'file_name', 'fileName', 'dir', 'directory', 'folder', 'dir_path', 'dirPath', 'target_file', 'relative_path', 'relativePath', 'uri', 'target'],
  start_line: ['start', 'line_start', 'from_line', 'startLine', 'from', 'line', 'offset', 'first_line'],
  end_line: ['end', 'line_end', 'to_line', 'endLine', 'to', 'last_line'],
  query: ['pattern', 'text', 'search', 'keyword', 'q', 'search_term', 'term', 'regex_pattern', 'searchTerm'],
  old_text: ['old', 'old_string', 'oldText', 'old_str', 'search', 'find', 'original', 'before', 'old_code', 'search_text'],
  new_text: ['new', 'new_string', 'newText', 'new_str', 'replace', 'replacement', 'after', 'new_code', 'replace_text'],
  content: ['text', 'contents', 'file_content', 'fileContent', 'body', 'data', 'code', 'file_text'],
  command: ['cmd', 'command_line', 'commandLine', 'shell_command', 'script', 'args', 'argv'],
};

/** Checks and, where unambiguous, repairs the arguments the model gave `tool`. */
export function checkArguments(tool: ToolName, given: unknown, options: ArgumentOptions): ArgumentCheck {
  const def = toolDefinition(tool);
  const usage = `Call it as ${toolSignature(def)}.`;
  const repairs: string[] = [];
  let raw = given ?? {};
  if (typeof raw === 'string' && options.repair) {
    const parsed = parseLenientJson(raw);
    const sole = def.args.filter((a) => a.required);
    if (parsed.ok && isRecord(parsed.value)) {
      raw = parsed.value;
      repairs.push('arguments as a JSON string');
    } else if (sole.length === 1 && sole[0]?.type === 'string') {
      raw = { [sole[0].name]: raw };
      repairs.push(`a bare string taken as ${sole[0].name}`);
    }
  }
  if (!isRecord(raw)) return { ok: false, error: `The arguments of ${tool} must be a JSON object. ${usage}` };

  const args: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (def.args.some((a) => a.name === key)) args[key] = value;
    else unknown.push(key);
  }
  const leftOver: string[] = [];
  for (const key of unknown) {
    const target = options.repair ? def.args.find((a) => ALIASES[a.name]?.includes(key) && !(a.name in args)) : undefined;
    if (target) {
      args[target.name] = raw[key];
      repairs.push(`"${key}" taken as "${target.name}"`);
    } else leftOver.push(key);
  }
  // search({regex: "foo.*"}): the pattern went into the flag.
  if (options.repair && tool === 'search' && !('query' in args) && typeof args.regex === 'string') {
    args.query = args.regex;
    args.regex = true;
    repairs.push('"regex" held the pattern: taken as query with regex true');
  }
  const missing = def.args.filter((a) => a.required && !(a.name in args));
  // One unknown argument and one missing one of the same kind: the model renamed it.
  if (options.repair && missing.length === 1 && leftOver.length === 1 && typeof raw[leftOver[0] ?? ''] === 'string' && missing[0]?.type === 'string') {
    const [key = '', target] = [leftOver[0], missing[0]];
    args[target.name] = raw[key];
    repairs.push(`"${key}" taken as "${target.name}"`);
    leftOver.length = 0;
    missing.length = 0;
  }
  if (missing.length > 0) {
    const names = missing.map((a) => `"${a.name}"`).join(' and ');
    const extra = leftOver.length > 0 ? ` (unknown: ${leftOver.map((k) => `"${k}"`).join(', ')})` : '';
    return { ok: false, error: `${tool} needs ${names}${extra}. ${usage}` };
  }
  if (leftOver.length > 0) {
    if (!options.repair) return { ok: false, error: `${tool} has no argument ${leftOver.map((k) => `"${k}"`).join(', ')}. ${usage}` };
    repairs.push(`ignored ${leftOver.map((k) => `"${k}"`).join(', ')}`);
  }
  for (const spec of def.args) {
    if (!(spec.name in args)) continue;
    const value = coerce(spec, args[spec.name], options.repair, tool);
    if (!value.ok) return { ok: false, error: `${value.error} ${usage}` };
    if (value.repair) repairs.push(value.repair);
    if (value.value === undefined) delete args[spec.name];
    else args[spec.name] = value.value;
  }
  const call = toCall(tool, args, options, repairs);
  return 'error' in call ? { ok: false, error: call.error } : { ok: true, call, args, repairs };
}

type Coerced = { ok: true; value: unknown; repair?: string } | { ok: false; error: string };

function coerce(spec: ArgSpec, value: unknown, repair: boolean, tool: ToolName): Coerced {
  if (value === null && !spec.required) return { ok: true, value: undefined };
  if (matches(spec.type, value)) return { ok: true, value };
  const wrong = (): Coerced => ({ ok: false, error: `"${spec.name}" of ${tool} must be ${article(spec.type)}, not ${JSON.stringify(value)}.` });
  if (!repair) return wrong();
  const note = `"${spec.name}" ${JSON.stringify(value)} read as ${spec.type}`;
  if (spec.type === 'integer') {
    if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return { ok: true, value: Number(value), repair: note };
    if (typeof value === 'number' && Number.isInteger(value)) return { ok: true, value };
    return wrong();
  }
  if (spec.type === 'boolean') {
    if (value === 'true' || value === 'false') return { ok: true, value: value === 'true', repair: note };
    return wrong();
  }
  if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value), repair: note };
  if (spec.name === 'command' && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return { ok: true, value: joinCommandLine(value), repair: 'a command given as a list joined into one command line' };
  }
  return wrong();
}

function toCall(tool: ToolName, args: Record<string, unknown>, options: ArgumentOptions, repairs: string[]): ToolCall | { error: string } {
  const str = (name: string): string => { const v = args[name]; return typeof v === 'string' ? v : ''; };
  const pathOf = (name: string, fallback?: string): string | { error: string } => {
    const value = str(name) === '' && fallback !== undefined ? fallback : str(name);
    const checked = checkWorkspacePath(value, options);
    if (!checked.ok) return { error: `${tool}: ${checked.error}` };
    repairs.push(...checked.repairs);
    if (checked.path !== value) args[name] = checked.path;
    return checked.path;
  };
  switch (tool) {
    case 'read_file': {
      const path = pathOf('path');
      if (typeof path !== 'string') return path;
      const startLine = args.start_line as number | undefined;
      let endLine = args.end_line as number | undefined;
      // -1 for "to the end" is the view_range convention many models were trained on.
      if (endLine === -1 && options.repair) {
        delete args.end_line;
        endLine = undefined;
        repairs.push('end_line -1 read as the end of the file');
      }
      if (startLine !== undefined && startLine < 1) return { error: 'read_file: start_line counts from 1.' };
      if (endLine !== undefined && endLine < 1) return { error: 'read_file: end_line counts from 1; leave it out to read to the end of the file.' };
      if (startLine !== undefined && endLine !== undefined && endLine < startLine) return { error: `read_file: end_line ${endLine} is before start_line ${startLine}.` };
      return { tool, path, ...(startLine !== undefined ? { startLine } : {}), ...(endLine !== undefined ? { endLine } : {}) };
    }
    case 'list_dir':
    case 'get_diagnostics': {
      const path = pathOf('path', tool === 'list_dir' ? '.' : undefined);
      return typeof path === 'string' ? { tool, path } : path;
    }
    case 'search': {
      const path = pathOf('path', '.');
      if (typeof path !== 'string') return path;
      if (str('query') === '') return { error: 'search: query is empty; give the text to find.' };
      return { tool, query: str('query'), regex: args.regex === true, path };
    }
    case 'edit_file': {
      const path = pathOf('path');
      if (typeof path !== 'string') return path;
      if (str('old_text') === '') return { error: 'edit_file: old_text is empty. Copy the exact text to replace from the file; use create_file for a new file.' };
      if (str('old_text') === str('new_text')) return { error: 'edit_file: old_text and new_text are the same, so nothing would change.' };
      return { tool, path, oldText: str('old_text'), newText: str('new_text') };
    }
    case 'create_file': {
      const path = pathOf('path');
      return typeof path === 'string' ? { tool, path, content: str('content') } : path;
    }
    case 'run_command': {
      const command = str('command').trim();
      return command === '' ? { error: 'run_command: command is empty.' } : { tool, command };
    }
  }
}

function matches(type: ArgType, value: unknown): boolean {
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  return typeof value === type;
}

function article(type: ArgType): string {
  return type === 'integer' ? 'an integer' : `a ${type}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

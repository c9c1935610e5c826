import type { ToolSpec } from './agentTypes';

// Few tools, short snake_case names and the argument names small models use
// most often unprompted (`path`, `content`, `command`): every extra choice is
// a chance to get it wrong. Descriptions stay one sentence each, because the
// schemas are sent with every request and cost context.
export const TOOL_NAMES = ['read_file', 'list_dir', 'search', 'edit_file', 'create_file', 'run_command', 'get_diagnostics'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export type ArgType = 'string' | 'integer' | 'boolean';
export interface ArgSpec { readonly name: string; readonly type: ArgType; readonly required: boolean; readonly description: string }
/** One of the agent's tools as the run knows it; toolSpecs() turns these into the ToolDefinitions a request offers. */
export interface AgentTool { readonly name: ToolName; readonly description: string; readonly args: readonly ArgSpec[] }

const path = (description: string): ArgSpec => ({ name: 'path', type: 'string', required: true, description });

export const TOOL_DEFINITIONS: readonly AgentTool[] = [
  {
    name: 'read_file',
    description: 'Read a text file of the workspace, optionally only some lines.',
    args: [
      path('File path relative to the workspace root, e.g. "src/app.ts".'),
      { name: 'start_line', type: 'integer', required: false, description: 'First line to read (1-based).' },
      { name: 'end_line', type: 'integer', required: false, description: 'Last line to read (inclusive).' },
    ],
  },
  {
    name: 'list_dir',
    description: 'List the files and folders in a workspace folder.',
    args: [path('Folder path relative to the workspace root; "." for the root.')],
  },
  {
    name: 'search',
    description: 'Search the workspace files for text; returns matching lines with their file and line number.',
    args: [
      { name: 'query', type: 'string', required: true, description: 'The text to find (a regular expression when regex is true).' },
      { name: 'regex', type: 'boolean', required: false, description: 'Treat query as a regular expression.' },
      { name: 'path', type: 'string', required: false, description: 'Only search under this folder.' },
    ],
  },
  {
    name: 'edit_file',
    description: 'Replace one exact piece of text in a file with new text. old_text must appear exactly once in the file.',
    args: [
      path('File path relative to the workspace root.'),
      { name: 'old_text', type: 'string', required: true, description: 'The exact text to replace, copied from the file, with enough lines to be unique.' },
      { name: 'new_text', type: 'string', required: true, description: 'The text to put in its place.' },
    ],
  },
  {
    name: 'create_file',
    description: 'Create a new file with the given content (fails if the file exists; use edit_file then).',
    args: [path('File path relative to the workspace root.'), { name: 'content', type: 'string', required: true, description: 'The whole content of the new file.' }],
  },
  {
    name: 'run_command',
    description: 'Run one command line in the workspace root (the user approves it first) and return its output and exit code.',
    args: [{ name: 'command', type: 'string', required: true, description: 'The command line, e.g. "npm test".' }],
  },
  {
    name: 'get_diagnostics',
    description: "Get the editor's errors and warnings (Problems) for a file.",
    args: [path('File path relative to the workspace root.')],
  },
];

export function toolDefinition(name: ToolName): AgentTool {
  const found = TOOL_DEFINITIONS.find((t) => t.name === name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
}

export function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}

/** The `tools` array of a chat request. */
export function toolSpecs(): ToolSpec[] {
  return TOOL_DEFINITIONS.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      description: tool.description,
      parameters: {
        type: 'object',
        properties: Object.fromEntries(tool.args.map((a) => [a.name, { type: a.type, description: a.description }])),
        required: tool.args.filter((a) => a.required).map((a) => a.name),
      },
    },
  }));
}

/** "read_file(path, start_line?, end_line?)", for error messages the model reads. */
export function toolSignature(tool: AgentTool): string {
  return `${tool.name}(${tool.args.map((a) => `${a.name}${a.required ? '' : '?'}`).join(', ')})`;
}

// Names small models use for these tools when they invent one (seen in
// Cline/Roo/opencode/Continue reports: write_to_file, execute_command,
// list_files, apply_diff, cat, ls, grep). Only synonyms that can mean one
// tool alone are here; anything else gets the list of valid tools.
const TOOL_SYNONYMS: Readonly<Record<string, ToolName>> = {
  read: 'read_file', cat: 'read_file', open_file: 'read_file', view_file: 'read_file', get_file: 'read_file', file_read: 'read_file', read_file_content: 'read_file',
  ls: 'list_dir', list_files: 'list_dir', list_directory: 'list_dir', listdir: 'list_dir', list_folder: 'list_dir', dir: 'list_dir',
  grep: 'search', search_files: 'search', search_code: 'search', find_in_files: 'search', grep_search: 'search', ripgrep: 'search', rg: 'search',
  replace_in_file: 'edit_file', apply_diff: 'edit_file', str_replace: 'edit_file', edit: 'edit_file', modify_file: 'edit_file', search_replace: 'edit_file', update_file: 'edit_file',
  write_file: 'create_file', write_to_file: 'create_file', new_file: 'create_file', make_file: 'create_file',
  execute_command: 'run_command', run: 'run_command', shell: 'run_command', bash: 'run_command', exec: 'run_command', run_terminal_command: 'run_command', run_in_terminal: 'run_command', terminal: 'run_command', run_shell_command: 'run_command',
  get_errors: 'get_diagnostics', diagnostics: 'get_diagnostics', get_problems: 'get_diagnostics', problems: 'get_diagnostics',
};

/** The tool a model meant by `name`, with a note when it was not the exact name; undefined when nothing fits without guessing. */
export function resolveToolName(name: string): { tool: ToolName; repair?: string } | undefined {
  if (isToolName(name)) return { tool: name };
  // functions.read_file (harmony), ReadFile, read-file, "read file".
  const normalized = name
    .trim()
    .replace(/^(functions|tools|default_api)\./i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
  const tool = isToolName(normalized) ? normalized : TOOL_SYNONYMS[normalized];
  return tool ? { tool, repair: `tool "${name}" taken as ${tool}` } : undefined;
}

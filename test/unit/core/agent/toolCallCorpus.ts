import type { ToolStreamEvent } from '../../../../src/core/engine/engineTypes';

/**
 * Tool-call outputs shaped like what small models send through Ollama, each
 * with the chunks the client receives and what Hearth must make of it. The
 * shapes come from the public reports cited in the README ("Sources"); the
 * texts are written for these tests.
 */
export interface CorpusCase {
  readonly name: string;
  readonly style: 'qwen2.5-coder' | 'llama3.1' | 'qwen3' | 'gpt-oss' | 'other';
  readonly chunks: readonly ToolStreamEvent[];
  /** Calls Hearth must run, canonical; [] when none. */
  readonly expect: readonly { readonly tool: string; readonly args: Record<string, unknown> }[];
  /** Substrings of the error(s) the model must get; for cases without a runnable call. */
  readonly errors?: readonly string[];
  /** Expected repairs mentioned (substrings). */
  readonly repairs?: readonly string[];
}

const text = (t: string): ToolStreamEvent => ({ kind: 'text', text: t });
const think = (t: string): ToolStreamEvent => ({ kind: 'thinking', text: t });
const native = (name: string, args: unknown, index?: number): ToolStreamEvent => ({ kind: 'toolCalls', calls: [{ function: { ...(index !== undefined ? { index } : {}), name, arguments: args } }] });
/** Splits text into pieces of `n` characters, as a stream delivers it. */
const pieces = (t: string, n = 5): ToolStreamEvent[] => (t.match(new RegExp(`[\\s\\S]{1,${n}}`, 'g')) ?? []).map(text);

export const CORPUS: readonly CorpusCase[] = [
  // Native calls: what the daemon sends when the template parser recognised the call.
  { name: 'native call, object arguments', style: 'qwen2.5-coder', chunks: [native('read_file', { path: 'src/app.ts' }, 0)], expect: [{ tool: 'read_file', args: { path: 'src/app.ts' } }] },
  { name: 'two native calls in one chunk', style: 'qwen2.5-coder', chunks: [{ kind: 'toolCalls', calls: [{ function: { index: 0, name: 'read_file', arguments: { path: 'a.ts' } } }, { function: { index: 1, name: 'list_dir', arguments: { path: 'src' } } }] }], expect: [{ tool: 'read_file', args: { path: 'a.ts' } }, { tool: 'list_dir', args: { path: 'src' } }] },
  { name: 'native calls streamed in separate chunks', style: 'qwen3', chunks: [think('I should look first.'), native('list_dir', { path: '.' }, 0), native('read_file', { path: 'package.json' }, 1)], expect: [{ tool: 'list_dir', args: { path: '.' } }, { tool: 'read_file', args: { path: 'package.json' } }] },
  { name: 'native call with arguments as a JSON string', style: 'other', chunks: [native('read_file', '{"path": "README.md"}')], expect: [{ tool: 'read_file', args: { path: 'README.md' } }], repairs: ['JSON string'] },
  { name: 'OpenAI-style argument pieces under one index', style: 'other', chunks: [native('search', '{"query": "TODO', 0), native('', '", "path": "src"}', 0)], expect: [{ tool: 'search', args: { query: 'TODO', path: 'src' } }] },
  { name: 'native call, line numbers as strings', style: 'llama3.1', chunks: [native('read_file', { path: 'src/app.ts', start_line: '10', end_line: '40' })], expect: [{ tool: 'read_file', args: { path: 'src/app.ts', start_line: 10, end_line: 40 } }], repairs: ['read as integer'] },
  { name: 'native call, end_line -1 for "to the end" (view_range habit)', style: 'qwen2.5-coder', chunks: [native('read_file', { path: 'src/app.ts', start_line: 1, end_line: -1 })], expect: [{ tool: 'read_file', args: { path: 'src/app.ts', start_line: 1 } }], repairs: ['end_line -1 read as the end of the file'] },
  { name: 'native call, end_line 0', style: 'llama3.1', chunks: [native('read_file', { path: 'src/app.ts', end_line: 0 })], expect: [], errors: ['end_line counts from 1'] },
  { name: 'native call, filePath instead of path', style: 'qwen2.5-coder', chunks: [native('read_file', { filePath: 'AGENTS.md' })], expect: [{ tool: 'read_file', args: { path: 'AGENTS.md' } }], repairs: ['"filePath" taken as "path"'] },
  { name: 'native call, file_path and old/new', style: 'qwen2.5-coder', chunks: [native('edit_file', { file_path: 'a.ts', old_string: 'x = 1', new_string: 'x = 2' })], expect: [{ tool: 'edit_file', args: { path: 'a.ts', old_text: 'x = 1', new_text: 'x = 2' } }] },
  { name: 'native call to a hallucinated tool', style: 'qwen2.5-coder', chunks: [native('fetch_file_content', { filePath: 'AGENTS.md' })], expect: [], errors: ['There is no tool "fetch_file_content"', 'read_file(path, start_line?, end_line?)'] },
  { name: 'native call, required argument missing', style: 'qwen3', chunks: [native('edit_file', { path: 'a.ts', new_text: 'y' })], expect: [], errors: ['edit_file needs "old_text"'] },
  { name: 'native call, path leaves the workspace', style: 'llama3.1', chunks: [native('read_file', { path: '../../etc/passwd' })], expect: [], errors: ['leaves the workspace'] },
  { name: 'native call, absolute path outside the workspace', style: 'qwen2.5-coder', chunks: [native('read_file', { path: '/etc/shadow' })], expect: [], errors: ['absolute path'] },
  { name: 'native call, Windows separators', style: 'other', chunks: [native('read_file', { path: 'src\\lib\\util.ts' })], expect: [{ tool: 'read_file', args: { path: 'src/lib/util.ts' } }], repairs: ['backslashes'] },
  { name: 'native call, Windows drive path', style: 'other', chunks: [native('create_file', { path: 'C:\\Windows\\evil.bat', content: 'x' })], expect: [], errors: ['absolute path'] },
  { name: 'native call, CamelCase tool name', style: 'other', chunks: [native('ReadFile', { path: 'a.ts' })], expect: [{ tool: 'read_file', args: { path: 'a.ts' } }], repairs: ['taken as read_file'] },
  // Calls written as text (qwen2.5-coder's habit: ollama#12174, opencode#10402, opilot#149).
  { name: 'bare JSON, qwen style', style: 'qwen2.5-coder', chunks: [text('{"name": "read_file", "arguments": {"path": "src/index.ts"}}')], expect: [{ tool: 'read_file', args: { path: 'src/index.ts' } }], repairs: ['bare JSON'] },
  { name: 'bare JSON split across stream chunks', style: 'qwen2.5-coder', chunks: pieces('{"name": "list_dir", "arguments": {"path": "test"}}', 3), expect: [{ tool: 'list_dir', args: { path: 'test' } }] },
  { name: 'fenced JSON block (llama3.2, ollama#13519)', style: 'llama3.1', chunks: [text('```json\n{"name": "search", "parameters": {"query": "parseConfig"}}\n```')], expect: [{ tool: 'search', args: { query: 'parseConfig' } }], repairs: ['fenced JSON'] },
  { name: 'llama3.1 {"name","parameters"} after prose', style: 'llama3.1', chunks: [text('I will read the file first.\n\n{"name": "read_file", "parameters": {"path": "lib/math.js"}}')], expect: [{ tool: 'read_file', args: { path: 'lib/math.js' } }] },
  { name: 'single quotes (Langchain-Chatchat#3591)', style: 'qwen2.5-coder', chunks: [text("{'name': 'read_file', 'arguments': {'path': 'app.py'}}")], expect: [{ tool: 'read_file', args: { path: 'app.py' } }], repairs: ['single quotes'] },
  { name: 'trailing commas', style: 'llama3.1', chunks: [text('{"name": "list_dir", "parameters": {"path": "src",},}')], expect: [{ tool: 'list_dir', args: { path: 'src' } }], repairs: ['trailing comma'] },
  { name: 'raw line breaks inside a string', style: 'qwen2.5-coder', chunks: [text('{"name": "create_file", "arguments": {"path": "hello.py", "content": "def hi():\n    return 1\n"}}')], expect: [{ tool: 'create_file', args: { path: 'hello.py', content: 'def hi():\n    return 1\n' } }], repairs: ['raw line breaks'] },
  { name: 'arguments as a JSON string in text', style: 'other', chunks: [text('{"name": "run_command", "arguments": "{\\"command\\": \\"npm test\\"}"}')], expect: [{ tool: 'run_command', args: { command: 'npm test' } }], repairs: ['arguments as a JSON string'] },
  { name: 'reply cut off before the closing braces', style: 'qwen2.5-coder', chunks: [text('{"name": "read_file", "arguments": {"path": "src/main.rs"')], expect: [{ tool: 'read_file', args: { path: 'src/main.rs' } }], repairs: ['unclosed brackets'] },
  // Cut off inside a string (num_predict, a stop token, a dropped connection): the rest of a file or command is lost, never guessed.
  { name: 'create_file cut off inside its content', style: 'qwen2.5-coder', chunks: pieces('{"name": "create_file", "arguments": {"path": "calc.py", "content": "def add(a, b):\n    return', 7), expect: [], errors: ['ends inside a string', 'cut off'] },
  { name: 'edit_file in <tool_call> tags cut off inside new_text', style: 'qwen3', chunks: [text('<tool_call>\n{"name": "edit_file", "arguments": {"path": "a.py", "old_text": "x = 1", "new_text": "x = 2\ny = ')], expect: [], errors: ['ends inside a string'] },
  { name: 'fenced run_command cut off inside the command line', style: 'llama3.1', chunks: [text('```json\n{"name": "run_command", "parameters": {"command": "rm -rf build && npm te')], expect: [], errors: ['ends inside a string'] },
  { name: 'qwen <tool_call> tags in the text, split mid-tag', style: 'qwen3', chunks: pieces('<tool_call>\n{"name": "get_diagnostics", "arguments": {"path": "src/app.ts"}}\n</tool_call>', 4), expect: [{ tool: 'get_diagnostics', args: { path: 'src/app.ts' } }] },
  { name: 'two <tool_call> blocks in one message', style: 'qwen3', chunks: [text('<tool_call>\n{"name": "read_file", "arguments": {"path": "a.ts"}}\n</tool_call>\n<tool_call>\n{"name": "read_file", "arguments": {"path": "b.ts"}}\n</tool_call>')], expect: [{ tool: 'read_file', args: { path: 'a.ts' } }, { tool: 'read_file', args: { path: 'b.ts' } }] },
  { name: 'qwen3 thinking in <think> tags before the call', style: 'qwen3', chunks: [text('<think>The user wants the tests run.</think>\n<tool_call>{"name": "run_command", "arguments": {"command": "pytest -q"}}</tool_call>')], expect: [{ tool: 'run_command', args: { command: 'pytest -q' } }] },
  { name: 'broken JSON inside <tool_call>', style: 'qwen3', chunks: [text('<tool_call>\n{"name": "read_file", "arguments": {"path": "a.ts"}}}}\n</tool_call>')], expect: [], errors: ['not valid JSON'] },
  { name: 'gpt-oss harmony header leaked as text', style: 'gpt-oss', chunks: [text('<|channel|>commentary to=functions.read_file <|constrain|>json<|message|>{"path":"src/server.ts"}<|call|>')], expect: [{ tool: 'read_file', args: { path: 'src/server.ts' } }] },
  { name: 'gpt-oss header without special tokens', style: 'gpt-oss', chunks: [text('assistantcommentary to=functions.list_dir json{"path": "."}')], expect: [{ tool: 'list_dir', args: { path: '.' } }] },
  { name: 'gpt-oss functions.-prefixed name in JSON', style: 'gpt-oss', chunks: [text('{"name": "functions.search", "arguments": {"query": "TODO"}}')], expect: [{ tool: 'search', args: { query: 'TODO' } }] },
  { name: 'gpt-oss flattened arguments (cloudflare/ai#574)', style: 'gpt-oss', chunks: [text('{"name":"read_file","path":"docs/guide.md"}')], expect: [{ tool: 'read_file', args: { path: 'docs/guide.md' } }] },
  { name: 'hallucinated tool in text (openclaude#433)', style: 'qwen2.5-coder', chunks: [text('{\n  "name": "WebSearch",\n  "arguments": {\n    "query": "repository structure"\n  }\n}')], expect: [], errors: ['There is no tool "WebSearch"'] },
  { name: 'Cline-style synonym write_to_file', style: 'other', chunks: [text('{"name": "write_to_file", "arguments": {"path": "NOTES.md", "content": "hi"}}')], expect: [{ tool: 'create_file', args: { path: 'NOTES.md', content: 'hi' } }], repairs: ['taken as create_file'] },
  { name: 'OpenAI tool_calls wrapper in text', style: 'other', chunks: [text('{"tool_calls": [{"type": "function", "function": {"name": "list_dir", "arguments": "{\\"path\\": \\"src\\"}"}}]}')], expect: [{ tool: 'list_dir', args: { path: 'src' } }] },
  { name: 'mistral [TOOL_CALLS] marker', style: 'other', chunks: [text('[TOOL_CALLS][{"name": "read_file", "arguments": {"path": "go.mod"}}]')], expect: [{ tool: 'read_file', args: { path: 'go.mod' } }] },
  { name: 'Python-style call on its own line (lfm2 bracket notation)', style: 'other', chunks: [text('[read_file(path="src/app.ts", start_line=5)]')], expect: [{ tool: 'read_file', args: { path: 'src/app.ts', start_line: 5 } }] },
  { name: 'command as an argv list', style: 'llama3.1', chunks: [text('{"name": "run_command", "parameters": {"command": ["npm", "run", "lint"]}}')], expect: [{ tool: 'run_command', args: { command: 'npm run lint' } }], repairs: ['joined into one command line'] },
  { name: 'search with the pattern put in "regex"', style: 'qwen2.5-coder', chunks: [native('search', { regex: 'fn\\s+main' })], expect: [{ tool: 'search', args: { query: 'fn\\s+main', regex: true } }] },
  // Not calls: the reply must stay an answer.
  { name: 'a plain answer', style: 'qwen2.5-coder', chunks: pieces('The function returns the sum of both lists.'), expect: [] },
  { name: 'an answer quoting package.json', style: 'llama3.1', chunks: [text('Your package.json should contain:\n```json\n{"name": "my-app", "version": "1.0.0", "scripts": {"test": "mocha"}}\n```')], expect: [] },
  { name: 'prose that mentions a call', style: 'qwen3', chunks: [text('Next I would call read_file(path) on the config, but the answer is already clear.')], expect: [] },
];

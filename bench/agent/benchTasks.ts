import type { FakeCommand } from '../../test/fakes/memoryExecutor';

/** One intended step of the simulated model, and how it recognises that the step worked. */
export interface PlanStep { readonly tool: string; readonly args: Record<string, unknown>; readonly worked: (result: string) => boolean }

export interface BenchTask {
  readonly name: string;
  readonly task: string;
  readonly agentsMd: string;
  readonly files: Record<string, string>;
  readonly commands: Record<string, FakeCommand>;
  readonly plan: readonly PlanStep[];
  readonly answer: string;
  /** The workspace is right at the end. */
  readonly done: (files: ReadonlyMap<string, string>) => boolean;
}

const read = (path: string, lines?: [number, number]): PlanStep => ({ tool: 'read_file', args: { path, ...(lines ? { start_line: lines[0], end_line: lines[1] } : {}) }, worked: (r) => r.startsWith(`${path} (`) });
const list = (path: string): PlanStep => ({ tool: 'list_dir', args: { path }, worked: (r) => !/does not exist|not a folder/.test(r) });
const search = (query: string): PlanStep => ({ tool: 'search', args: { query }, worked: (r) => /:\d+: /.test(r) });
const edit = (path: string, oldText: string, newText: string): PlanStep => ({ tool: 'edit_file', args: { path, old_text: oldText, new_text: newText }, worked: (r) => r.startsWith(`Edited ${path}`) });
const create = (path: string, content: string): PlanStep => ({ tool: 'create_file', args: { path, content }, worked: (r) => r.startsWith(`Created ${path}`) });
const runCmd = (command: string): PlanStep => ({ tool: 'run_command', args: { command }, worked: (r) => r.includes('[exit code 0]') });
const diagnostics = (path: string): PlanStep => ({ tool: 'get_diagnostics', args: { path }, worked: (r) => r.includes(path) });

/** A test command that passes when every file holds its expected text. */
const passesWhen = (name: string, wants: Record<string, string>): FakeCommand => (files) => {
  const bad = Object.entries(wants).filter(([path, text]) => !(files.get(path) ?? '').includes(text));
  return bad.length === 0 ? { exitCode: 0, output: `${name}: all checks passed` } : { exitCode: 1, output: `${name}: ${bad.length} failing\n${bad.map(([p]) => `  ✗ ${p}`).join('\n')}` };
};
const has = (wants: Record<string, string>) => (files: ReadonlyMap<string, string>): boolean => Object.entries(wants).every(([p, t]) => (files.get(p) ?? '').includes(t));

/** Code of a plausible size: `lines` numbered filler lines around what the task is about. */
function module(lines: number, seed: string, middle: string): string {
  const filler = (from: number, n: number): string => Array.from({ length: n }, (_, i) => `export const ${seed}${from + i} = (value: number): number => value * ${from + i} + ${(from + i) % 7};`).join('\n');
  return `${filler(0, lines)}\n${middle}\n${filler(lines, lines)}\n`;
}

const NPM_AGENTS = '# Agents\n\n## Testing\n\nRun `npm test` after every change.\n';
const PY_AGENTS = '# Agents\n\n## Testing\n\n```sh\npytest -q\n```\n';

function npmTask(name: string, task: string, files: Record<string, string>, plan: PlanStep[], wants: Record<string, string>, command = 'npm test', agentsMd = NPM_AGENTS): BenchTask {
  return { name, task, agentsMd, files: { 'AGENTS.md': agentsMd, ...files }, commands: { [command]: passesWhen(command, wants) }, plan: [...plan, runCmd(command)], answer: `Done: ${task} The check \`${command}\` passes.`, done: has(wants) };
}

const ADD = 'export function add(a: number, b: number): number {\n  return a - b;\n}';
const RETRY = 'export const MAX_RETRIES = 0;';
const LOG = Array.from({ length: 400 }, (_, i) => (i === 311 ? '2025-10-01T12:00:11Z ERROR retry: MAX_RETRIES is 0, giving up at once' : `2025-10-01T12:00:${String(i % 60).padStart(2, '0')}Z INFO request ${i} served in ${(i * 7) % 90} ms`)).join('\n');

export const BENCH_TASKS: readonly BenchTask[] = [
  npmTask('fix-sign', 'Fix add() so the tests pass.', { 'src/math.ts': module(40, 'm', ADD) }, [read('src/math.ts'), edit('src/math.ts', '  return a - b;', '  return a + b;')], { 'src/math.ts': 'return a + b;' }),
  npmTask('rename', 'Rename formatDate to formatIsoDate everywhere.', {
    'src/date.ts': module(20, 'd', 'export function formatDate(d: Date): string {\n  return d.toISOString();\n}'),
    'src/report.ts': module(20, 'r', "import { formatDate } from './date';\nexport const stamp = (d: Date): string => formatDate(d);"),
  }, [search('formatDate'), read('src/date.ts'), edit('src/date.ts', 'export function formatDate(', 'export function formatIsoDate('), read('src/report.ts'), edit('src/report.ts', "import { formatDate } from './date';\nexport const stamp = (d: Date): string => formatDate(d);", "import { formatIsoDate } from './date';\nexport const stamp = (d: Date): string => formatIsoDate(d);")],
  { 'src/date.ts': 'function formatIsoDate(', 'src/report.ts': 'formatIsoDate(d)' }),
  npmTask('new-module', 'Add a slugify helper in src/slug.ts and export it from src/index.ts.', {
    'src/index.ts': "export * from './math';\nexport * from './date';\n", 'src/math.ts': module(10, 'm', ''), 'src/date.ts': module(10, 'd', ''),
  }, [list('src'), read('src/index.ts'), create('src/slug.ts', "export const slugify = (s: string): string => s.toLowerCase().trim().replace(/[^a-z0-9]+/g, '-');\n"), edit('src/index.ts', "export * from './date';\n", "export * from './date';\nexport * from './slug';\n")],
  { 'src/slug.ts': 'slugify', 'src/index.ts': "export * from './slug';" }),
  {
    name: 'python-fix', task: 'average() crashes on an empty list; make it return 0.0 then.', agentsMd: PY_AGENTS,
    files: { 'AGENTS.md': PY_AGENTS, 'calc.py': 'def average(xs):\n    return sum(xs) / len(xs)\n\n\ndef total(xs):\n    return sum(xs)\n' },
    commands: { 'pytest -q': passesWhen('pytest', { 'calc.py': 'if not xs:' }) },
    plan: [read('calc.py'), edit('calc.py', 'def average(xs):\n    return sum(xs) / len(xs)', 'def average(xs):\n    if not xs:\n        return 0.0\n    return sum(xs) / len(xs)'), runCmd('pytest -q')],
    answer: 'Done: average() returns 0.0 for an empty list; `pytest -q` passes.', done: has({ 'calc.py': 'if not xs:' }),
  },
  npmTask('config-value', 'Raise the request timeout in config/default.json to 30000.', {
    'config/default.json': `{\n${Array.from({ length: 120 }, (_, i) => `  "feature${i}": { "enabled": ${i % 2 === 0}, "weight": ${i} },`).join('\n')}\n  "timeoutMs": 5000\n}\n`,
  }, [search('timeoutMs'), read('config/default.json', [118, 122]), edit('config/default.json', '"timeoutMs": 5000', '"timeoutMs": 30000')], { 'config/default.json': '"timeoutMs": 30000' }),
  npmTask('log-investigation', 'The service gives up at once on errors; find why in logs/app.log and fix it.', {
    'logs/app.log': LOG, 'src/retry.ts': module(30, 'q', RETRY),
  }, [search('ERROR'), read('logs/app.log', [305, 315]), search('MAX_RETRIES'), read('src/retry.ts', [25, 35]), edit('src/retry.ts', RETRY, 'export const MAX_RETRIES = 3;')], { 'src/retry.ts': 'MAX_RETRIES = 3;' }),
  npmTask('docs', 'Document the --verbose flag in README.md under Usage.', {
    'README.md': `# Tool\n\n${'Some words about the tool. '.repeat(60)}\n\n## Usage\n\nRun \`tool <file>\`.\n\n## License\n\nMIT\n`,
  }, [read('README.md'), edit('README.md', 'Run `tool <file>`.', 'Run `tool <file>`.\n\nAdd `--verbose` to print every step.')], { 'README.md': '--verbose' }, 'npm run lint', '# Agents\n\n## Checks\n\n- `npm run lint` checks the docs too.\n'),
  npmTask('diagnostics', 'Fix the type error the editor reports in src/app.ts.', {
    'src/app.ts': module(30, 'a', 'export const port: number = "8080";'),
  }, [diagnostics('src/app.ts'), read('src/app.ts', [28, 34]), edit('src/app.ts', 'export const port: number = "8080";', 'export const port: number = 8080;')], { 'src/app.ts': 'port: number = 8080;' }, 'npm run typecheck', '# Agents\n\n## Build\n\n```sh\nnpm run typecheck\n```\n'),
  npmTask('multi-file', 'Make every handler log through logger.info instead of console.log.', {
    'src/handlers/users.ts': module(25, 'u', "export const listUsers = () => { console.log('users'); };"),
    'src/handlers/orders.ts': module(25, 'o', "export const listOrders = () => { console.log('orders'); };"),
    'src/handlers/items.ts': module(25, 'i', "export const listItems = () => { console.log('items'); };"),
  }, [search('console.log'), read('src/handlers/users.ts'), edit('src/handlers/users.ts', "console.log('users')", "logger.info('users')"), read('src/handlers/orders.ts'), edit('src/handlers/orders.ts', "console.log('orders')", "logger.info('orders')"), read('src/handlers/items.ts'), edit('src/handlers/items.ts', "console.log('items')", "logger.info('items')")],
  { 'src/handlers/users.ts': "logger.info('users')", 'src/handlers/orders.ts': "logger.info('orders')", 'src/handlers/items.ts': "logger.info('items')" }),
  npmTask('add-test', 'Add a test that add(2, 3) is 5 to test/math.test.ts.', {
    'test/math.test.ts': "import { add } from '../src/math';\n\nit('adds', () => expect(add(1, 1)).toBe(2));\n", 'src/math.ts': 'export const add = (a: number, b: number): number => a + b;\n',
  }, [read('test/math.test.ts'), edit('test/math.test.ts', "it('adds', () => expect(add(1, 1)).toBe(2));\n", "it('adds', () => expect(add(1, 1)).toBe(2));\nit('adds 2 and 3', () => expect(add(2, 3)).toBe(5));\n")], { 'test/math.test.ts': 'add(2, 3)).toBe(5)' }),
  {
    name: 'go-fix', task: 'Greeting() should say "Hello, world".', agentsMd: '# Agents\n\n## Tests\n\n`go test ./...`\n',
    files: { 'AGENTS.md': '# Agents\n\n## Tests\n\n`go test ./...`\n', 'main.go': 'package main\n\nfunc Greeting() string {\n\treturn "Hello world"\n}\n', 'go.mod': 'module example.com/hello\n\ngo 1.22\n' },
    commands: { 'go test ./...': passesWhen('go test', { 'main.go': '"Hello, world"' }) },
    plan: [list('.'), read('main.go'), edit('main.go', '\treturn "Hello world"', '\treturn "Hello, world"'), runCmd('go test ./...')],
    answer: 'Done: Greeting() now returns "Hello, world"; `go test ./...` passes.', done: has({ 'main.go': '"Hello, world"' }),
  },
  npmTask('editorconfig', 'Add an .editorconfig with 2-space indentation, matching the style in package.json.', {
    'package.json': '{\n  "name": "app",\n  "scripts": { "lint": "eslint .", "test": "mocha" }\n}\n',
  }, [list('.'), read('package.json'), create('.editorconfig', 'root = true\n\n[*]\nindent_style = space\nindent_size = 2\n')], { '.editorconfig': 'indent_size = 2' }, 'npm run lint', '# Agents\n\n## Lint\n\nRun `npm run lint`.\n'),
];

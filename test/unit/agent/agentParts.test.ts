import * as assert from 'node:assert/strict';
import { approvalVerdict, commandGrantKey } from '../../../src/core/agent/approvalPolicy';
import { joinCommandLine, splitWords, toCommandSpec } from '../../../src/core/agent/commandLine';
import { fitContext, messageTokens, promptBudget } from '../../../src/core/agent/contextBudget';
import type { ContextEntry } from '../../../src/core/agent/contextBudget';
import { applyEdit } from '../../../src/core/agent/editText';
import { parseLenientJson } from '../../../src/core/agent/lenientJson';
import { parseRunRecord } from '../../../src/core/agent/runRecord';
import { verifyCommandsFrom } from '../../../src/core/agent/verifyCommands';
import { checkWorkspacePath } from '../../../src/core/agent/workspacePath';

const repair = { repair: true };

describe('agent: workspace path arguments (the lexical half of confinement)', () => {
  const ok = (raw: string, options: Parameters<typeof checkWorkspacePath>[1] = repair): string => {
    const r = checkWorkspacePath(raw, options);
    assert.ok(r.ok, `${raw}: ${r.ok ? '' : r.error}`);
    return r.path;
  };
  const refused = (raw: string, options: Parameters<typeof checkWorkspacePath>[1] = repair): string => {
    const r = checkWorkspacePath(raw, options);
    assert.ok(!r.ok, `${raw} should be refused, got ${r.ok ? r.path : ''}`);
    return r.error;
  };
  it('normalises relative paths', () => {
    assert.equal(ok('./src//app.ts'), 'src/app.ts');
    assert.equal(ok('src/../package.json'), 'package.json');
    assert.equal(ok('.'), '.');
    assert.equal(ok('src/.'), 'src');
  });
  it('refuses ".." that leaves the workspace, in every spelling', () => {
    for (const raw of ['..', '../x', 'src/../../etc/passwd', 'a/b/../../../c', '..\\..\\windows\\system.ini']) assert.match(refused(raw), /leaves the workspace/);
  });
  it('refuses absolute, home, drive, UNC and URI paths outside the workspace', () => {
    for (const raw of ['/etc/passwd', '~/.ssh/id_rsa', 'C:\\Windows\\win.ini', 'c:/x', '\\\\server\\share\\f', '//server/share', 'file:///etc/passwd', '\\\\?\\C:\\x']) assert.match(refused(raw), /absolute path/);
  });
  it('takes Windows separators as "/" only when repairing', () => {
    assert.equal(ok('src\\lib\\a.ts'), 'src/lib/a.ts');
    assert.match(refused('src\\lib\\a.ts', { repair: false }), /backslashes/);
  });
  it('accepts an absolute path inside the workspace root, POSIX or Windows', () => {
    assert.equal(ok('/home/me/proj/src/a.ts', { repair: true, workspaceRoot: '/home/me/proj' }), 'src/a.ts');
    assert.equal(ok('c:\\Users\\me\\proj\\a.ts', { repair: true, workspaceRoot: 'C:\\Users\\me\\proj' }), 'a.ts');
    assert.match(refused('/home/me/project2/a.ts', { repair: true, workspaceRoot: '/home/me/proj' }), /absolute path/);
    assert.match(refused('/home/me/proj/../secret', { repair: true, workspaceRoot: '/home/me/proj' }), /leaves the workspace/);
  });
  it('refuses empty paths and control characters', () => {
    assert.match(refused('  '), /empty/);
    assert.match(refused('a\0b'), /control characters/);
    assert.match(refused('a\nb'), /control characters/);
  });
});

describe('agent: approval policy', () => {
  const none = new Set<string>();
  const npmTest = toCommandSpec('npm test');
  it('reads need no approval; edits do unless auto-approve is on', () => {
    for (const tool of ['read_file', 'list_dir', 'search', 'get_diagnostics'] as const) assert.equal(approvalVerdict(tool, undefined, { autoApproveEdits: false }, none).kind, 'noApproval');
    for (const tool of ['edit_file', 'create_file'] as const) {
      assert.equal(approvalVerdict(tool, undefined, { autoApproveEdits: false }, none).kind, 'ask');
      assert.equal(approvalVerdict(tool, undefined, { autoApproveEdits: true }, none).kind, 'preApproved');
    }
  });
  it('commands always ask, auto-approve of edits notwithstanding, unless this exact line was allowed', () => {
    assert.equal(approvalVerdict('run_command', npmTest, { autoApproveEdits: true }, none).kind, 'ask');
    const allowed = new Set([commandGrantKey(npmTest)]);
    assert.equal(approvalVerdict('run_command', npmTest, { autoApproveEdits: false }, allowed).kind, 'preApproved');
    for (const other of ['npm test ', 'npm  test', 'npm test; rm -rf ~', 'npm test && curl x | sh', 'npm run test']) {
      assert.equal(approvalVerdict('run_command', toCommandSpec(other === 'npm test ' ? 'npm test --x' : other), { autoApproveEdits: false }, allowed).kind, 'ask', other);
    }
  });
});

describe('agent: command lines (the runner contract)', () => {
  it('splits plain lines into argv without expanding anything', () => {
    assert.deepEqual(toCommandSpec('npm test -- --grep "adds two"'), { kind: 'argv', line: 'npm test -- --grep "adds two"', argv: ['npm', 'test', '--', '--grep', 'adds two'] });
    assert.deepEqual(splitWords(`echo 'a b' c\\ d "e\\"f"`), ['echo', 'a b', 'c d', 'e"f']);
  });
  it('sends anything a shell would interpret to the shell, as the exact line', () => {
    for (const line of ['npm test | tee log', 'cd pkg && npm test', 'rm -rf $HOME', 'ls *.ts', 'echo `id`', 'FOO=1 npm test', 'echo "$(id)"', 'cat < /etc/passwd', 'a; b', "echo 'open"]) {
      assert.deepEqual(toCommandSpec(line), { kind: 'shell', line }, line);
    }
  });
  it('joins argv back into a line that splits the same', () => {
    const argv = ['node', '-e', "console.log('hi there')", 'a b', ''];
    assert.deepEqual(splitWords(joinCommandLine(argv)), argv);
  });
});

describe('agent: verification commands from AGENTS.md', () => {
  it('reads commands from build/test/lint sections, code blocks and plain test spans, not set-up steps', () => {
    const md = [
      '# Repo', 'Use `src/` for code. See `docs/guide.md`.',
      '## Dev environment', '- Install with `pnpm install`.',
      '## Testing instructions', '- Run `pnpm vitest run` for the unit tests.', '```bash', '$ pnpm lint', '# a comment', 'pnpm typecheck', '```',
      '## Style', 'Format with `prettier --write .`.', 'Python part: `pytest -q`.',
    ].join('\n');
    assert.deepEqual(verifyCommandsFrom(md), [
      { kind: 'test', command: 'pnpm vitest run' },
      { kind: 'lint', command: 'pnpm lint' },
      { kind: 'typecheck', command: 'pnpm typecheck' },
      { kind: 'test', command: 'pytest -q' },
    ]);
  });
  it('ignores non-commands, prose code spans outside sections, and caps the list', () => {
    assert.deepEqual(verifyCommandsFrom('# Notes\nThe `config.json` file and `make` of the car.\n'), []);
    const many = ['## Build', ...Array.from({ length: 10 }, (_, i) => `- \`make target${i}\``)].join('\n');
    assert.equal(verifyCommandsFrom(many).length, 6);
  });
});

describe('agent: context budget', () => {
  const limits = { contextTokens: 4096, charsPerToken: 3.5, toolSchemaChars: 2000 };
  const tool = (group: number, chars: number, label: string): ContextEntry => ({ group, label, message: { role: 'tool', content: `${label}:${'y'.repeat(chars)}`, tool_name: 'read_file' } });
  const turn = (group: number): ContextEntry => ({ group, message: { role: 'assistant', content: '', tool_calls: [{ function: { name: 'read_file', arguments: { path: `f${group}` } } }] } });
  const head: ContextEntry[] = [{ group: 0, message: { role: 'system', content: 'rules' } }, { group: 0, message: { role: 'user', content: 'THE TASK' } }];
  const tokens = (entries: readonly ContextEntry[]): number => entries.reduce((n, e) => n + messageTokens(e.message, 3.5), 0);

  it('leaves a run that fits alone', () => {
    const entries = [...head, turn(1), tool(1, 500, 'a')];
    const fitted = fitContext(entries, limits);
    assert.deepEqual(fitted.entries, entries);
    assert.deepEqual(fitted.notes, []);
  });
  it('shortens older results oldest first, then drops old steps, with a note for each and never the task', () => {
    const entries = [...head, turn(1), tool(1, 4000, 'first'), turn(2), tool(2, 4000, 'second'), turn(3), tool(3, 4000, 'third'), turn(4), tool(4, 2000, 'latest')];
    const fitted = fitContext(entries, limits);
    assert.ok(fitted.fits);
    assert.ok(tokens(fitted.entries) <= promptBudget(limits));
    assert.match(fitted.notes[0] ?? '', /^Shortened an older result \(first\)/);
    assert.equal(fitted.entries[1]?.message.content, 'THE TASK');
    assert.ok(fitted.entries.some((e) => e.message.content.startsWith('latest:y')), 'the latest result is whole');
    const shortened = fitted.entries.find((e) => e.label === 'first');
    if (shortened) assert.match(shortened.message.content, /characters left out here to fit the context window/);
  });
  it('drops whole steps and names them in one summary line when shortening is not enough', () => {
    const entries = [...head];
    for (let g = 1; g <= 30; g++) entries.push(turn(g), tool(g, 900, `step${g}`));
    const fitted = fitContext(entries, limits);
    assert.ok(fitted.fits);
    assert.ok(fitted.notes.some((n) => n.startsWith('Dropped an older step (step1)')));
    const summary = fitted.entries.find((e) => e.message.content.startsWith('[Hearth] Earlier steps were removed'));
    assert.ok(summary && /step1/.test(summary.message.content));
    // No orphan: every tool result still follows the assistant turn that asked for it.
    for (const [i, e] of fitted.entries.entries()) if (e.message.role === 'tool') assert.ok(fitted.entries.slice(0, i).some((p) => p.group === e.group && p.message.role === 'assistant'));
  });
  it('says plainly when even the task and the latest step cannot fit', () => {
    const fitted = fitContext([...head.slice(0, 1), { group: 0, message: { role: 'user', content: 'x'.repeat(40_000) } }], limits);
    assert.equal(fitted.fits, false);
  });
});

describe('agent: edits, JSON repair and records', () => {
  it('applies an exact block once; explains zero or many matches', () => {
    assert.deepEqual(applyEdit('a.ts', 'a\nb\nc\n', 'b\n', 'B\n'), { ok: true, text: 'a\nB\nc\n', repairs: [] });
    const many = applyEdit('a.ts', 'x\nx\n', 'x', 'y');
    assert.ok(!many.ok && /appears 2 times/.test(many.error));
    const off = applyEdit('a.ts', 'function f() {\n  return 1;\n}\n', 'function f() {\n  return 2;\n}', 'z');
    assert.ok(!off.ok && /differs at line 2: the file has "return 1;"/.test(off.error));
    assert.deepEqual(applyEdit('w.ts', 'one\r\ntwo\r\n', 'one\ntwo', 'uno\ndos'), { ok: true, text: 'uno\r\ndos\r\n', repairs: ['line endings matched to the file (CRLF)'] });
  });
  it('repairs JSON slips but never invents content', () => {
    assert.deepEqual(parseLenientJson("{'a': True, b: None, 'c': [1,2,],}"), { ok: true, value: { a: true, b: null, c: [1, 2] }, repairs: ['single quotes', 'Python literals', 'unquoted keys', 'trailing comma'] });
    assert.deepEqual(parseLenientJson('{"s": "it\'s \\"fine\\""}'), { ok: true, value: { s: 'it\'s "fine"' }, repairs: [] });
    assert.equal(parseLenientJson('{"a": }').ok, false);
    assert.equal(parseLenientJson('not json at all').ok, false);
  });
  it('reads back only well-formed run records', () => {
    assert.equal(parseRunRecord('{'), undefined);
    assert.equal(parseRunRecord('{"version": 2}'), undefined);
    const base = { version: 1, id: 'r', task: 't', model: 'm', startedAt: 1, endedAt: 2, tokensSent: 3, modelSteps: [], toolSteps: [], notes: [], changes: [], allowedCommands: [], outcome: { kind: 'cancelled' } };
    assert.ok(parseRunRecord(JSON.stringify(base)));
    assert.equal(parseRunRecord(JSON.stringify({ ...base, changes: [{ path: 'a', before: 1, after: 'x' }] })), undefined);
  });
});

import * as assert from 'node:assert/strict';
import { parseRunRecord } from '../../../../src/core/agent/runRecord';
import { call, lastOf, run, say, sequence } from './agentHarness';

const AGENTS_MD = '# Project\n\n## Testing\n\nRun the suite with `npm test` before you commit.\n';
const BROKEN = 'export function add(a, b) {\n  return a - b;\n}\n';
const FIXED = 'export function add(a, b) {\n  return a + b;\n}\n';
const npmTest = (files: ReadonlyMap<string, string>) => (files.get('src/add.js')?.includes('a + b') ? { exitCode: 0, output: '1 passing' } : { exitCode: 1, output: '1 failing: expected 3, got -1' });

describe('agent: the run loop', () => {
  it('fixes a failing test the way AGENTS.md says, with every write and command approved first', async () => {
    const h = await run(
      sequence(
        call('read_file', { path: 'src/add.js' }),
        call('edit_file', { path: 'src/add.js', old_text: 'return a - b;', new_text: 'return a + b;' }),
        call('run_command', { command: 'npm test' }),
        say('Fixed the sign in add(); `npm test` passes.'),
      ),
      { files: { 'src/add.js': BROKEN, 'AGENTS.md': AGENTS_MD }, commands: { 'npm test': npmTest }, agentsMd: AGENTS_MD },
    );
    assert.deepEqual(h.record.outcome, { kind: 'answered', answer: 'Fixed the sign in add(); `npm test` passes.' });
    const system = h.requests[0]?.[0]?.content ?? '';
    assert.match(system, /- test: `npm test`/);
    assert.match(system, /Run the suite with `npm test`/, 'the instruction chain is in the system message');
    assert.equal(h.executor.files.get('src/add.js'), FIXED);
    assert.deepEqual(h.approvals.map((a) => a.kind), ['edit', 'command']);
    const edit = h.approvals[0];
    assert.ok(edit?.kind === 'edit');
    assert.equal(edit.before, BROKEN);
    assert.equal(edit.after, FIXED);
    const command = h.approvals[1];
    assert.ok(command?.kind === 'command');
    assert.deepEqual(command.command, { kind: 'argv', line: 'npm test', argv: ['npm', 'test'] });
    assert.deepEqual(h.record.changes, [{ path: 'src/add.js', before: BROKEN, after: FIXED }]);
    assert.deepEqual(h.record.toolSteps.map((s) => [s.tool, s.status, s.approval]), [['read_file', 'ok', 'auto'], ['edit_file', 'ok', 'approved'], ['run_command', 'ok', 'approved']]);
    assert.match(h.record.toolSteps[2]?.result ?? '', /1 passing\n\[exit code 0\]/);
    const restored = parseRunRecord(JSON.stringify(h.record));
    assert.deepEqual(restored, JSON.parse(JSON.stringify(h.record)));
    // The history replays the calls natively, each followed by its result with the tool's name.
    const last = h.requests[3] ?? [];
    assert.deepEqual(last.slice(2).map((m) => [m.role, m.tool_name ?? m.tool_calls?.[0]?.function.name]), [
      ['assistant', 'read_file'], ['tool', 'read_file'], ['assistant', 'edit_file'], ['tool', 'edit_file'], ['assistant', 'run_command'], ['tool', 'run_command'],
    ]);
  });

  it('writes nothing from a call cut off inside its content, and asks the model to write it again', async () => {
    const h = await run(
      sequence(say('{"name": "create_file", "arguments": {"path": "calc.py", "content": "def add(a, b):\n    return'), call('create_file', { path: 'calc.py', content: 'def add(a, b):\n    return a + b\n' }), say('Created calc.py.')),
      { autoApproveEdits: true },
    );
    assert.deepEqual(h.executor.writes, ['calc.py']);
    assert.equal(h.executor.files.get('calc.py'), 'def add(a, b):\n    return a + b\n');
    assert.deepEqual(h.record.toolSteps.map((s) => [s.tool, s.status]), [['create_file', 'ok']]);
    assert.match(lastOf(h.requests[1] ?? [], 'user'), /could not be read: .*ends inside a string/);
    assert.ok(h.record.notes.some((n) => n.kind === 'callError'));
  });

  it('a rejected edit leaves the file untouched and tells the model it was rejected', async () => {
    const h = await run(sequence(call('edit_file', { path: 'src/add.js', old_text: 'a - b', new_text: 'a + b' }), say('Understood, I will leave it.')), {
      files: { 'src/add.js': BROKEN },
      decide: () => ({ approved: false, reason: 'not this way' }),
    });
    assert.equal(h.executor.files.get('src/add.js'), BROKEN);
    assert.deepEqual(h.executor.writes, []);
    assert.equal(h.record.toolSteps[0]?.status, 'rejected');
    assert.match(lastOf(h.requests[1] ?? [], 'tool'), /The user rejected this step \(edit_file src\/add.js\); it did not run. Their reason: not this way/);
    assert.deepEqual(h.record.changes, []);
  });

  it('never runs a command without approval, even with auto-approved edits; "allow for this conversation" covers that exact line only', async () => {
    const asked: string[] = [];
    const h = await run(
      sequence(call('run_command', { command: 'npm test' }), call('create_file', { path: 'x.txt', content: 'x' }), call('run_command', { command: 'npm test' }), call('run_command', { command: 'npm test -- --bail' }), say('ok')),
      {
        commands: { 'npm test': () => ({ exitCode: 0, output: 'ok' }), 'npm test -- --bail': () => ({ exitCode: 0, output: 'ok' }) },
        autoApproveEdits: true,
        decide: (r) => {
          asked.push(r.kind === 'command' ? r.command.line : r.path);
          return { approved: true, rememberCommand: true };
        },
      },
    );
    assert.deepEqual(asked, ['npm test', 'npm test -- --bail'], 'the edit was auto-approved, the repeated line remembered, the new line asked');
    assert.deepEqual(h.record.toolSteps.map((s) => s.approval), ['approved', 'auto', 'remembered', 'approved']);
    assert.deepEqual(h.record.allowedCommands, ['argv:npm test', 'argv:npm test -- --bail']);
  });

  it('does not run a repeated call again, and stops the run to ask the user when the model keeps repeating', async () => {
    const h = await run(() => call('read_file', { path: 'src/add.js' }), { files: { 'src/add.js': BROKEN } });
    assert.equal(h.record.outcome.kind, 'needsUser');
    assert.ok(h.record.outcome.kind === 'needsUser' && h.record.outcome.reason === 'loop');
    assert.deepEqual(h.record.toolSteps.map((s) => s.status), ['ok', 'skipped', 'skipped', 'skipped']);
    assert.match(lastOf(h.requests[2] ?? [], 'tool'), /Not run again: read_file src\/add.js was already called/);
    assert.ok(h.record.notes.some((n) => n.kind === 'loop' && /What should happen next\?/.test(n.text)));
  });

  it('lets the model read a file again after it changed', async () => {
    const h = await run(
      sequence(call('read_file', { path: 'a.txt' }), call('edit_file', { path: 'a.txt', old_text: 'one', new_text: 'two' }), call('read_file', { path: 'a.txt' }), say('done')),
      { files: { 'a.txt': 'one' }, autoApproveEdits: true },
    );
    assert.deepEqual(h.record.toolSteps.map((s) => s.status), ['ok', 'ok', 'ok']);
  });

  it('stops after bounded retries when every call is broken (no progress)', async () => {
    const h = await run(() => call('read_file', { file: 1, line: 'x', other: 'y' }), {});
    assert.ok(h.record.outcome.kind === 'needsUser' && h.record.outcome.reason === 'noProgress');
    assert.equal(h.requests.length, 6);
  });

  it('stops at the step limit and at the token budget, asking the user', async () => {
    let n = 0;
    const steps = await run(() => call('read_file', { path: `f${n++}.txt` }), { options: { maxSteps: 3 } });
    assert.ok(steps.record.outcome.kind === 'needsUser' && steps.record.outcome.reason === 'stepLimit');
    assert.equal(steps.record.toolSteps.length, 3);
    let m = 0;
    const tokens = await run(() => call('list_dir', { path: `d${m++}` }), { options: { tokenBudget: 3000 } });
    assert.ok(tokens.record.outcome.kind === 'needsUser' && tokens.record.outcome.reason === 'tokenBudget');
    assert.ok(tokens.record.tokensSent <= 3000);
  });

  it('asks once more when the model answers as if a failed step had worked', async () => {
    const h = await run(sequence(call('edit_file', { path: 'a.txt', old_text: 'nope', new_text: 'x' }), say('Done, the file is fixed.'), say('Sorry: the edit failed, old_text was not in the file.')), { files: { 'a.txt': 'one' } });
    assert.ok(h.record.outcome.kind === 'answered');
    assert.match(h.record.outcome.answer, /the edit failed/);
    assert.match(lastOf(h.requests[2] ?? [], 'user'), /^\[Hearth\] The last tool call failed: "old_text was not found in a.txt/);
  });

  it('proposes the AGENTS.md verification command after edits that were not checked', async () => {
    const h = await run(
      sequence(call('edit_file', { path: 'src/add.js', old_text: 'a - b', new_text: 'a + b' }), say('Fixed.'), call('run_command', { command: 'npm test' }), say('Fixed and tested.')),
      { files: { 'src/add.js': BROKEN }, commands: { 'npm test': npmTest }, agentsMd: AGENTS_MD },
    );
    assert.match(lastOf(h.requests[2] ?? [], 'user'), /You changed src\/add.js but have not checked the change. Run `npm test`/);
    assert.deepEqual(h.record.outcome, { kind: 'answered', answer: 'Fixed and tested.' });
  });

  it('answers an empty reply and an unreadable call with a correction, not an end', async () => {
    const h = await run(sequence(say(''), say('<tool_call>{"name": "list_dir", "arguments": {"path": "."}}}}</tool_call>'), call('list_dir', { path: '.' }), say('Listed.')), { files: { 'a.txt': '' } });
    assert.match(lastOf(h.requests[1] ?? [], 'user'), /Your reply was empty/);
    assert.match(lastOf(h.requests[2] ?? [], 'user'), /could not be read: a tool call in tool_call tags is not valid JSON/);
    assert.deepEqual(h.record.outcome, { kind: 'answered', answer: 'Listed.' });
  });

  it('cancels at once when the user stops during an approval: nothing is written', async () => {
    const stop = new AbortController();
    const h = await run(sequence(call('create_file', { path: 'new.txt', content: 'x' }), say('never')), {
      signal: stop.signal,
      decide: () => {
        stop.abort();
        return new Promise(() => undefined);
      },
    });
    assert.deepEqual(h.record.outcome, { kind: 'cancelled' });
    assert.equal(h.executor.files.has('new.txt'), false);
  });

  it('cancels during the model stream, aborting the request signal', async () => {
    const stop = new AbortController();
    const h = await run(() => {
      stop.abort();
      return say('late');
    }, { signal: stop.signal });
    assert.deepEqual(h.record.outcome, { kind: 'cancelled' });
    assert.equal(h.requests.length, 1);
  });

  it('caps a large file read and says it was truncated, with how to read on', async () => {
    const big = Array.from({ length: 3000 }, (_, i) => `line ${i + 1} ${'x'.repeat(30)}`).join('\n');
    const h = await run(sequence(call('read_file', { path: 'big.txt' }), say('ok')), { files: { 'big.txt': big } });
    const result = h.record.toolSteps[0]?.result ?? '';
    assert.match(result, /\[truncated: showing lines 1–\d+ of 3000; call read_file with start_line \d+ to read on\]/);
    assert.ok(result.length < big.length / 4);
  });
});

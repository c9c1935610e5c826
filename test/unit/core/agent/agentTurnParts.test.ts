import * as assert from 'node:assert/strict';
import { agentAvailability } from '../../../../src/core/agent/agentAvailability';
import type { AgentWorkspace } from '../../../../src/core/agent/agentPorts';
import { EMPTY_RUN_VIEW, applyAgentEvent, approvalView, changedLines, settleRunView } from '../../../../src/core/agent/agentRunView';
import { undoChanges } from '../../../../src/core/agent/runUndo';
import { parseConversation } from '../../../../src/core/chat/parseConversation';
import type { ConnectionState } from '../../../../src/core/connection/connectionMonitor';
import type { ModelInfo } from '../../../../src/core/engine/engineTypes';
import { MemoryExecutor } from '../../../fakes/memoryExecutor';

const CHAT = '{{ range .Messages }}{{ .Content }}{{ end }}';
const model = (name: string, capabilities: ModelInfo['capabilities']): ModelInfo => ({
  name, digest: 'd', sizeBytes: 4_700_000_000, family: 'x', parameterSize: '7B', quantization: 'Q4', capabilities, capabilitiesReported: true, template: CHAT,
});
const connected: ConnectionState = { status: 'connected', version: '0.12.6', models: [model('qwen2.5-coder:7b', ['completion', 'tools']), model('deepseek-r1:7b', ['completion', 'thinking'])] };

describe('agent mode availability', () => {
  it('an untrusted workspace gets no agent, whatever the model', () => {
    const a = agentAvailability({ trusted: false, hasFolder: true, connection: connected, model: 'qwen2.5-coder:7b' });
    assert.ok(!a.available && a.reason === 'untrusted');
    assert.match(a.message, /Restricted Mode/);
  });

  it('needs a folder and a connection', () => {
    assert.ok(!agentAvailability({ trusted: true, hasFolder: false, connection: connected, model: 'qwen2.5-coder:7b' }).available);
    const down = agentAvailability({ trusted: true, hasFolder: true, connection: { status: 'connecting' }, model: 'qwen2.5-coder:7b' });
    assert.ok(!down.available && down.reason === 'notConnected');
  });

  it('is available for a model whose capabilities include tools', () => {
    assert.deepEqual(agentAvailability({ trusted: true, hasFolder: true, connection: connected, model: 'Qwen2.5-Coder:7b' }), { available: true });
  });

  it('explains a model without tools and offers the installed ones that have them, else the recommended ones with sizes', () => {
    const a = agentAvailability({ trusted: true, hasFolder: true, connection: connected, model: 'deepseek-r1:7b' });
    assert.ok(!a.available && a.reason === 'noTools');
    assert.match(a.message, /deepseek-r1:7b cannot call tools/);
    assert.deepEqual(a.offers, [{ name: 'qwen2.5-coder:7b', size: '4.7 GB', installed: true }]);
    const none: ConnectionState = { status: 'connected', version: '0.12.6', models: [model('deepseek-r1:7b', ['completion', 'thinking'])] };
    const b = agentAvailability({ trusted: true, hasFolder: true, connection: none, model: 'deepseek-r1:7b' });
    assert.ok(!b.available && b.offers.length > 0 && b.offers.every((o) => !o.installed && /GB/.test(o.size)));
  });
});

describe('agent run view', () => {
  it('folds events into cards: a step runs, streams, finishes; a change is listed once; notes are kept', () => {
    let view = applyAgentEvent(EMPTY_RUN_VIEW, { kind: 'toolStepStarted', stepId: 2, tool: 'read_file', args: { path: 'a.ts' } });
    assert.equal(view.steps[0]?.state, 'running');
    view = applyAgentEvent(view, { kind: 'toolStepFinished', step: { id: 2, tool: 'read_file', args: { path: 'a.ts' }, status: 'ok', result: 'a.ts (1 lines):\nx', startedAt: 1, endedAt: 5, approval: 'auto' } });
    assert.deepEqual(view.steps.map((s) => [s.id, s.tool, s.state, s.args]), [[2, 'read_file', 'ok', '{"path":"a.ts"}']]);
    view = applyAgentEvent(view, { kind: 'fileChanged', change: { path: 'a.ts', before: 'x', after: 'y' } });
    view = applyAgentEvent(view, { kind: 'fileChanged', change: { path: 'a.ts', before: 'y', after: 'z' } });
    view = applyAgentEvent(view, { kind: 'note', note: { kind: 'trim', text: 'Shortened step 2.', at: 9 } });
    assert.deepEqual(view.changes, [{ path: 'a.ts', created: false }]);
    assert.deepEqual(view.notes, [{ kind: 'trim', text: 'Shortened step 2.', at: 9 }]);
  });

  it('a step still running when the run is stopped ends with it, and the question to the user goes', () => {
    let view = applyAgentEvent(EMPTY_RUN_VIEW, { kind: 'toolStepStarted', stepId: 3, tool: 'run_command', args: { command: 'npm test' } });
    view = { ...view, pending: { kind: 'command', stepId: 3, line: 'npm test', shell: false } };
    const settled = settleRunView(view, { kind: 'cancelled' }, 120);
    assert.equal(settled.steps[0]?.state, 'error');
    assert.equal(settled.pending, undefined);
    assert.equal(settled.outcome, 'cancelled');
  });

  it('the approval shows exactly the lines that change, or the exact command line and whether a shell runs it', () => {
    assert.deepEqual(changedLines('a\nb\nc\n', 'a\nB\nc\n'), { oldText: 'b', newText: 'B', firstLine: 2 });
    assert.deepEqual(approvalView({ kind: 'edit', stepId: 4, tool: 'create_file', path: 'n.md', before: undefined, after: '# N\n' }), { kind: 'edit', stepId: 4, tool: 'create_file', path: 'n.md', oldText: '', newText: '# N\n', created: true });
    assert.deepEqual(approvalView({ kind: 'command', stepId: 5, command: { kind: 'shell', line: 'npm test | tee log' } }), { kind: 'command', stepId: 5, line: 'npm test | tee log', shell: true });
  });
});

describe('a saved agent run', () => {
  const base = { version: 1, id: 'c1', title: 't', createdAt: 1, updatedAt: 2, model: 'm' };
  const turn = (extra: Record<string, unknown>): unknown => ({ ...base, turns: [{ id: 't1', role: 'assistant', model: 'm', text: 'Done.', thinking: '', status: 'done', createdAt: 3, ...extra }] });

  it('reads back its view and Undo records; a pending question is never read back', () => {
    const agent = { steps: [{ id: 1, kind: 'tool', tool: 'edit_file', args: '{}', state: 'ok', result: 'Edited a.ts.', startedAt: 1, endedAt: 2, approval: 'approved' }], notes: [], changes: [{ path: 'a.ts', created: false }], tokensSent: 10, outcome: 'answered', pending: { kind: 'command', stepId: 2, line: 'rm -rf /', shell: true } };
    const c = parseConversation(turn({ agent, agentChanges: [{ path: 'a.ts', before: 'x', after: 'y' }], agentAllowed: ['argv:npm test'] }));
    const t = c?.turns[0];
    assert.ok(t?.role === 'assistant');
    assert.deepEqual(t.agentChanges, [{ path: 'a.ts', before: 'x', after: 'y' }]);
    assert.deepEqual(t.agentAllowed, ['argv:npm test']);
    assert.equal(t.agent?.pending, undefined);
    assert.equal(t.agent?.steps.length, 1);
  });

  it('drops damaged Undo records whole, keeping the conversation', () => {
    const c = parseConversation(turn({ agentChanges: [{ path: 'a.ts', before: 'x', after: 'y' }, { path: 'b.ts', before: 5 }] }));
    assert.ok(c);
    assert.equal(c.turns[0]?.role === 'assistant' ? c.turns[0].agentChanges : 'x', undefined);
  });
});

describe('undoChanges', () => {
  function workspace(files: Record<string, string>): { ws: AgentWorkspace; executor: MemoryExecutor } {
    const executor = new MemoryExecutor(files);
    return {
      executor,
      ws: {
        root: '/repo',
        executor,
        removeFile: (path, expected) => {
          assert.equal(executor.files.get(path), expected);
          executor.files.delete(path);
          return Promise.resolve();
        },
      },
    };
  }

  it('restores changed files, deletes created ones, and leaves a file edited since the run, naming it', async () => {
    const { ws, executor } = workspace({ 'a.ts': 'after a', 'new.md': 'created', 'b.ts': 'the user edited this' });
    const problems = await undoChanges(ws, [
      { path: 'a.ts', before: 'before a', after: 'after a' },
      { path: 'new.md', before: null, after: 'created' },
      { path: 'b.ts', before: 'before b', after: 'after b' },
      { path: 'gone.ts', before: 'old text', after: 'run text' },
    ], new AbortController().signal);
    assert.equal(executor.files.get('a.ts'), 'before a');
    assert.equal(executor.files.has('new.md'), false);
    assert.equal(executor.files.get('b.ts'), 'the user edited this');
    assert.equal(executor.files.get('gone.ts'), 'old text', 'a changed file deleted since gets its old text back');
    assert.deepEqual(problems, ['b.ts changed after the run, so it was left as it is.']);
  });
});

import * as assert from 'node:assert/strict';
import { runAgent } from '../../../../src/core/agent/agentRun';
import type { AgentRunInputs } from '../../../../src/core/agent/agentRun';
import { verifyCommandsFrom } from '../../../../src/core/agent/verifyCommands';
import { MemoryExecutor } from '../../../fakes/memoryExecutor';
import { defaultModels } from '../../../fakes/ollamaStandIn';
import { callText, scriptedChat, textReply } from '../../../fakes/standInScript';
import { StandInService } from '../../../fakes/standInService';

const QWEN = defaultModels().find((m) => m.name === 'qwen2.5-coder:7b')!;
const AGENTS_MD = '# Project\n\n## Testing\n\nRun `npm test`.\n';
const BROKEN = 'export function add(a, b) {\n  return a - b;\n}\n';
const FIXED = 'export function add(a, b) {\n  return a + b;\n}\n';

/** The run loop over the real `ollama` client (OllamaService.chatWithTools) against the stand-in's tool-calling wire format. */
describe('agent: a run over HTTP against the stand-in', () => {
  let rig: StandInService;
  beforeEach(async () => {
    rig = await StandInService.start({ standIn: { latency: { perTokenMs: 0 } } });
  });
  afterEach(() => rig.close());

  function inputs(model: string, executor: MemoryExecutor): AgentRunInputs {
    return {
      id: 'http-run', task: 'Make the test pass.', model, instructions: AGENTS_MD, verifyCommands: verifyCommandsFrom(AGENTS_MD),
      server: rig.service, executor, approve: () => Promise.resolve({ approved: true }), onEvent: () => undefined,
      signal: new AbortController().signal, contextTokens: rig.connection.numCtx, charsPerToken: 3.5, approval: { autoApproveEdits: false },
    };
  }

  it('fixes a failing test with native calls, sending tools and role "tool" results the way Ollama takes them, and never overflowing num_ctx', async () => {
    rig.standIn.reply(scriptedChat([
      { turn: 0, reply: textReply(callText(QWEN, [{ name: 'read_file', args: { path: 'src/add.js' } }])) },
      { afterTool: { name: 'read_file' }, reply: textReply(callText(QWEN, [{ name: 'edit_file', args: { path: 'src/add.js', old_text: 'a - b', new_text: 'a + b' } }])) },
      { afterTool: { name: 'edit_file' }, reply: textReply(callText(QWEN, [{ name: 'run_command', args: { command: 'npm test' } }])) },
      { afterTool: { name: 'run_command', includes: 'exit code 0' }, reply: textReply('Fixed the sign; npm test passes.') },
    ]));
    const executor = new MemoryExecutor({ 'src/add.js': BROKEN }, { 'npm test': (files) => (files.get('src/add.js') === FIXED ? { exitCode: 0, output: 'ok' } : { exitCode: 1, output: 'fail' }) });
    const record = await runAgent(inputs('qwen2.5-coder:7b', executor));
    assert.deepEqual(record.outcome, { kind: 'answered', answer: 'Fixed the sign; npm test passes.' });
    assert.equal(executor.files.get('src/add.js'), FIXED);
    assert.deepEqual(record.toolSteps.map((s) => [s.tool, s.status, s.repairs ?? []]), [['read_file', 'ok', []], ['edit_file', 'ok', []], ['run_command', 'ok', []]]);
    const requests = rig.standIn.requestsTo('/api/chat');
    assert.equal(requests.length, 4);
    for (const r of requests) {
      const body = r.body as { tools?: unknown[]; options?: { num_ctx?: number } };
      assert.equal(body.tools?.length, 7);
      assert.equal(body.options?.num_ctx, rig.connection.numCtx);
      assert.equal(r.droppedMessages ?? 0, 0);
    }
    const last = (requests.at(-1)?.body as { messages: Record<string, unknown>[] }).messages;
    assert.deepEqual(last.slice(2).map((m) => [m.role, m.tool_name ?? (m.tool_calls as { function: { name: string } }[] | undefined)?.[0]?.function.name]), [
      ['assistant', 'read_file'], ['tool', 'read_file'], ['assistant', 'edit_file'], ['tool', 'edit_file'], ['assistant', 'run_command'], ['tool', 'run_command'],
    ]);
  });

  it('ends with the daemon\'s words when the model has no tools capability, writing nothing', async () => {
    const executor = new MemoryExecutor({ 'src/add.js': BROKEN });
    const record = await runAgent(inputs('deepseek-r1:7b', executor));
    assert.equal(record.outcome.kind, 'failed');
    assert.match(record.outcome.kind === 'failed' ? record.outcome.error : '', /does not support tools/);
    assert.deepEqual(executor.writes, []);
  });
});

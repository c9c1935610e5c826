import * as assert from 'node:assert/strict';
import { runAgent } from '../../../src/core/agent/agentRun';
import { verifyCommandsFrom } from '../../../src/core/agent/verifyCommands';
import type { StreamEvent } from '../../../src/core/engine/engineTypes';
import { MemoryExecutor } from '../../fakes/memoryExecutor';
import { defaultModels } from '../../fakes/ollamaStandIn';
import { OpenAiStandInService } from '../../fakes/openAiStandInService';
import { callText, scriptedChat, textReply } from '../../fakes/standInScript';
import { wordTokens } from '../../fakes/standInGeneration';

const QWEN = defaultModels().find((m) => m.name === 'qwen2.5-coder:7b')!;
const AGENTS_MD = '# Project\n\n## Testing\n\nRun `npm test`.\n';
const BROKEN = 'export function add(a, b) {\n  return a - b;\n}\n';
const FIXED = 'export function add(a, b) {\n  return a + b;\n}\n';

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

describe('OpenAiService on llama-server: /infill', () => {
  let rig: OpenAiStandInService;
  beforeEach(async () => {
    rig = await OpenAiStandInService.start({ mode: { flavor: 'llama-server' }, standIn: { models: [QWEN], latency: { perTokenMs: 1 } } });
  });
  afterEach(() => rig.close());

  it('detects llama-server by /props and sends suffix completions to /infill with other files as input_extra, the server timings as stats', async () => {
    assert.deepEqual(await rig.service.version(), { ok: true, value: 'llama-server b6900-4f1c2e5' });
    const models = await rig.service.listModels();
    assert.ok(models.ok);
    assert.deepEqual(models.value.map((m) => [m.name, m.capabilities]), [[QWEN.name, ['completion', 'insert']]]);
    rig.standIn.reply(() => ({ tokens: wordTokens('a + b;') }));
    const files = [{ path: 'src/util.ts', text: 'export const one = 1;\n' }];
    const events = await collect(rig.service.generate({
      model: QWEN.name, prompt: '// src/util.ts\nfunction add(a, b) {\n  return ', suffix: '\n}\n',
      infill: { prefix: 'function add(a, b) {\n  return ', files }, options: { num_predict: 32, stop: ['\n\n'] },
    }, new AbortController().signal));
    assert.equal(events.map((e) => (e.kind === 'text' ? e.text : '')).join(''), 'a + b;');
    const done = events.at(-1);
    assert.ok(done?.kind === 'done' && done.stats.evalTokens === 3 && done.stats.doneReason === 'stop');
    assert.equal(rig.standIn.requestsTo('/v1/completions').length, 0);
    const [request] = rig.standIn.requestsTo('/infill');
    assert.deepEqual(request?.body, {
      input_prefix: 'function add(a, b) {\n  return ', input_suffix: '\n}\n', input_extra: [{ filename: 'src/util.ts', text: 'export const one = 1;\n' }],
      n_predict: 32, stop: ['\n\n'], stream: true, cache_prompt: true,
    });
  });

  it('a model without FIM tokens: llama-server\'s 501 becomes "noInsert" with what to do', async () => {
    await rig.standIn.close();
    rig = await OpenAiStandInService.start({ mode: { flavor: 'llama-server' }, standIn: { models: [defaultModels().find((m) => m.name === 'llama3.2:3b')!] } });
    await rig.service.version();
    const failure = await (async () => {
      try {
        for await (const _ of rig.service.generate({ model: 'llama3.2:3b', prompt: 'x', suffix: 'y' }, new AbortController().signal));
      } catch (error) {
        return (error as { failure?: { kind: string; message: string; status?: number } }).failure;
      }
      return undefined;
    })();
    assert.equal(failure?.kind, 'noInsert');
    assert.equal(failure?.status, 501);
    assert.match(failure?.message ?? '', /FIM-capable model/);
  });

  it('a superseded /infill completion is closed at the server', async () => {
    await rig.service.version();
    rig.standIn.latency.perTokenMs = 5;
    rig.standIn.reply(() => ({ tokens: Array.from({ length: 300 }, (_, i) => ` t${i}`) }));
    const controller = new AbortController();
    const iterator = rig.service.generate({ model: QWEN.name, prompt: 'x', suffix: 'y' }, controller.signal)[Symbol.asyncIterator]();
    assert.equal((await iterator.next()).value?.kind, 'text');
    controller.abort();
    await assert.rejects(async () => {
      while (!(await iterator.next()).done);
    });
    const [request] = rig.standIn.requestsTo('/infill');
    assert.equal(await rig.standIn.waitForOutcome(request!, 2_000), 'clientClosed');
    assert.ok(request!.tokensSent < 300);
  });
});

describe('agent: a run over the OpenAI-compatible API (vLLM stand-in)', () => {
  let rig: OpenAiStandInService;
  beforeEach(async () => {
    rig = await OpenAiStandInService.start({ mode: { flavor: 'vllm' }, capabilities: { [QWEN.name]: ['tools'] } });
  });
  afterEach(() => rig.close());

  it('fixes a failing test through streamed tool_calls (JSON-string arguments in pieces), sending results back by tool_call_id', async () => {
    rig.standIn.reply(scriptedChat([
      { turn: 0, reply: textReply(callText(QWEN, [{ name: 'read_file', args: { path: 'src/add.js' } }])) },
      { afterTool: { name: 'read_file' }, reply: textReply(callText(QWEN, [{ name: 'edit_file', args: { path: 'src/add.js', old_text: 'a - b', new_text: 'a + b' } }])) },
      { afterTool: { name: 'edit_file' }, reply: textReply(callText(QWEN, [{ name: 'run_command', args: { command: 'npm test' } }])) },
      { afterTool: { name: 'run_command', includes: 'exit code 0' }, reply: textReply('Fixed the sign; npm test passes.') },
    ]));
    const executor = new MemoryExecutor({ 'src/add.js': BROKEN }, { 'npm test': (files) => (files.get('src/add.js') === FIXED ? { exitCode: 0, output: 'ok' } : { exitCode: 1, output: 'fail' }) });
    const record = await runAgent({
      id: 'openai-run', task: 'Make the test pass.', model: QWEN.name, instructions: AGENTS_MD, verifyCommands: verifyCommandsFrom(AGENTS_MD),
      server: rig.service, executor, approve: () => Promise.resolve({ approved: true }), onEvent: () => undefined,
      signal: new AbortController().signal, contextTokens: 4096, charsPerToken: 3.5, approval: { autoApproveEdits: false },
    });
    assert.deepEqual(record.outcome, { kind: 'answered', answer: 'Fixed the sign; npm test passes.' });
    assert.equal(executor.files.get('src/add.js'), FIXED);
    assert.deepEqual(record.toolSteps.map((s) => [s.tool, s.status, s.repairs ?? []]), [['read_file', 'ok', []], ['edit_file', 'ok', []], ['run_command', 'ok', []]]);
    const requests = rig.standIn.requestsTo('/v1/chat/completions');
    assert.equal(requests.length, 4);
    const last = (requests.at(-1)?.body as { messages: Record<string, unknown>[]; tools: unknown[] });
    assert.equal(last.tools.length, 7);
    const calls = last.messages.filter((m) => m.role === 'assistant').flatMap((m) => (m.tool_calls as { id: string; function: { arguments: unknown } }[] | undefined) ?? []);
    const results = last.messages.filter((m) => m.role === 'tool').map((m) => m.tool_call_id);
    assert.deepEqual(results, calls.map((c) => c.id));
    assert.ok(calls.every((c) => typeof c.function.arguments === 'string'));
  });
});

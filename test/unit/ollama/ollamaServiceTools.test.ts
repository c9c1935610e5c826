import * as assert from 'node:assert/strict';
import { toolSpecs } from '../../../src/core/agent/agentTools';
import type { ChatMessage, ToolStreamEvent } from '../../../src/core/engine/engineTypes';
import type { OllamaService } from '../../../src/ollama/ollamaService';
import { defaultModels } from '../../fakes/ollamaStandIn';
import type { OllamaStandIn } from '../../fakes/ollamaStandIn';
import { callText, scriptedChat, textReply } from '../../fakes/standInScript';
import { StandInService } from '../../fakes/standInService';

const TOOLS = toolSpecs();
const QWEN = defaultModels().find((m) => m.name === 'qwen2.5-coder:7b')!;

describe('OllamaService.chatWithTools against the stand-in', () => {
  let rig: StandInService;
  let standIn: OllamaStandIn;
  let service: OllamaService;

  beforeEach(async () => {
    rig = await StandInService.start({ standIn: { latency: { perTokenMs: 0 } }, connection: { numCtx: 8192 } });
    ({ standIn, service } = rig);
  });
  afterEach(() => rig.close());

  async function events(messages: readonly ChatMessage[]): Promise<ToolStreamEvent[]> {
    const out: ToolStreamEvent[] = [];
    for await (const e of service.chatWithTools({ model: 'qwen2.5-coder:7b', messages, tools: TOOLS }, new AbortController().signal)) out.push(e);
    return out;
  }

  it('plays a scripted multi-turn model keyed by turn and by the last tool result, over the real client', async () => {
    standIn.reply(scriptedChat([
      { turn: 0, reply: textReply(callText(QWEN, [{ name: 'run_command', args: { command: 'npm test' } }])) },
      { afterTool: { name: 'run_command', includes: 'exit code 1' }, reply: textReply('Tests fail.') },
      { afterTool: { name: 'run_command' }, reply: textReply('Tests pass.') },
    ]));
    const first = await events([{ role: 'user', content: 'test it' }]);
    assert.deepEqual(first.filter((e) => e.kind === 'toolCalls'), [{ kind: 'toolCalls', calls: [{ function: { index: 0, name: 'run_command', arguments: { command: 'npm test' } } }] }]);
    const history: ChatMessage[] = [{ role: 'user', content: 'test it' }, { role: 'assistant', content: '', tool_calls: [{ function: { name: 'run_command', arguments: { command: 'npm test' } } }] }];
    const pass = await events([...history, { role: 'tool', content: '$ npm test\nok\n[exit code 0]', tool_name: 'run_command' }]);
    assert.equal(pass.filter((e) => e.kind === 'text').map((e) => (e.kind === 'text' ? e.text : '')).join(''), 'Tests pass.');
    const sent = standIn.requestsTo('/api/chat').at(-1)?.body as { messages: Record<string, unknown>[]; tools: unknown[] };
    assert.deepEqual(sent.messages[2], { role: 'tool', content: '$ npm test\nok\n[exit code 0]', tool_name: 'run_command' });
    assert.equal(sent.tools.length, TOOLS.length);
    // chat() without tools never yields tool calls and still works.
    for await (const e of service.chat({ model: 'qwen2.5-coder:7b', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal)) assert.notEqual((e as { kind: string }).kind, 'toolCalls');
  });

  it('sends chat() without a tools field, so a model without the capability still answers', async () => {
    standIn.reply(() => textReply(callText(QWEN, [{ name: 'read_file', args: { path: 'a' } }])));
    const kinds: string[] = [];
    for await (const e of service.chat({ model: 'qwen2.5-coder:7b', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal)) kinds.push(e.kind);
    const body = standIn.requestsTo('/api/chat').at(-1)?.body as Record<string, unknown>;
    assert.equal('tools' in body, false);
    // Without tools the daemon does not parse calls: the tagged text is the answer.
    assert.ok(kinds.includes('text') && kinds.at(-1) === 'done');
    let text = '';
    for await (const e of service.chat({ model: 'deepseek-r1:7b', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal)) if (e.kind === 'text') text += e.text;
    assert.notEqual(text, '');
  });
});

import * as assert from 'node:assert/strict';
import { toolSpecs } from '../../../src/core/agent/agentTools';
import { OllamaStandIn, defaultModels } from '../../fakes/ollamaStandIn';
import { callText, textReply } from '../../fakes/standInScript';
import { ToolCallParser, toolCallTag } from '../../fakes/standInToolCalls';

type Line = Record<string, unknown> & { message?: { content?: string; tool_calls?: { id?: string; function: { index: number; name: string; arguments: unknown } }[] }; done?: boolean };

const TOOLS = toolSpecs();
const QWEN = defaultModels().find((m) => m.name === 'qwen2.5-coder:7b')!;
const LLAMA = defaultModels().find((m) => m.name === 'llama3.2:3b')!;

async function chat(standIn: OllamaStandIn, body: Record<string, unknown>): Promise<{ status: number; lines: Line[] }> {
  const res = await fetch(`${standIn.url}/api/chat`, { method: 'POST', body: JSON.stringify({ tools: TOOLS, messages: [{ role: 'user', content: 'go' }], ...body }) });
  const text = await res.text();
  return { status: res.status, lines: text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line) };
}

const callsOf = (lines: Line[]) => lines.flatMap((l) => l.message?.tool_calls ?? []);
const contentOf = (lines: Line[]) => lines.map((l) => l.message?.content ?? '').join('');

describe('OllamaStandIn: tool calling', () => {
  let standIn: OllamaStandIn;
  beforeEach(async () => {
    standIn = await OllamaStandIn.start({ latency: { perTokenMs: 0 } });
  });
  afterEach(() => standIn.close());

  it("reads the call tag from the model's template like the daemon", () => {
    assert.equal(toolCallTag(QWEN.template), '<tool_call>');
    assert.equal(toolCallTag(LLAMA.template), '{');
    assert.equal(toolCallTag('{{ .Prompt }}'), '{');
  });

  it('streams a call in the template format as message.tool_calls, tags never leaking into content', async () => {
    standIn.reply(() => textReply(callText(QWEN, [{ name: 'read_file', args: { path: 'src/a.ts' } }])));
    const { status, lines } = await chat(standIn, { model: 'qwen2.5-coder:7b' });
    assert.equal(status, 200);
    const carrying = lines.filter((l) => (l.message?.tool_calls?.length ?? 0) > 0);
    assert.equal(carrying.length, 1);
    assert.deepEqual(carrying[0]?.message, { role: 'assistant', content: '', tool_calls: [{ function: { index: 0, name: 'read_file', arguments: { path: 'src/a.ts' } } }] });
    assert.equal(carrying[0]?.done, false);
    assert.equal(contentOf(lines), '');
    assert.equal(lines.at(-1)?.done, true);
  });

  it('numbers several calls of one reply and gives them ids from 0.12.10 on', async () => {
    standIn.version = '0.12.10';
    standIn.reply(() => textReply(callText(QWEN, [{ name: 'read_file', args: { path: 'a' } }, { name: 'list_dir', args: { path: '.' } }])));
    const calls = callsOf((await chat(standIn, { model: 'qwen2.5-coder:7b' })).lines);
    assert.deepEqual(calls.map((c) => [c.function.index, c.function.name]), [[0, 'read_file'], [1, 'list_dir']]);
    for (const c of calls) assert.match(c.id ?? '', /^call_[a-z0-9]{8}$/);
  });

  it('passes a qwen call written without tags as plain content, and swallows one it cannot parse inside tags', async () => {
    standIn.reply(() => textReply('{"name": "read_file", "arguments": {"path": "a"}}'));
    const bare = await chat(standIn, { model: 'qwen2.5-coder:7b' });
    assert.deepEqual(callsOf(bare.lines), []);
    assert.equal(contentOf(bare.lines), '{"name": "read_file", "arguments": {"path": "a"}}');
    standIn.reply(() => textReply("<tool_call>\n{'name': 'read_file', 'arguments': {'path': 'a'}}\n</tool_call>"));
    const broken = await chat(standIn, { model: 'qwen2.5-coder:7b' });
    assert.deepEqual(callsOf(broken.lines), []);
    assert.equal(contentOf(broken.lines), '', 'the daemon sends an empty message');
  });

  it('parses llama-style {"name","parameters"} only when the reply opens with it', async () => {
    standIn.reply(() => textReply(callText(LLAMA, [{ name: 'search', args: { query: 'x' } }])));
    assert.deepEqual(callsOf((await chat(standIn, { model: 'llama3.2:3b' })).lines).map((c) => c.function), [{ index: 0, name: 'search', arguments: { query: 'x' } }]);
    standIn.reply(() => textReply('Let me look. {"name": "search", "parameters": {"query": "x"}}'));
    const prose = await chat(standIn, { model: 'llama3.2:3b' });
    assert.deepEqual(callsOf(prose.lines), []);
    assert.equal(contentOf(prose.lines), 'Let me look. {"name": "search", "parameters": {"query": "x"}}');
    standIn.reply(() => textReply('{"name": "open_file", "parameters": {"path": "a"}}'));
    const unknown = await chat(standIn, { model: 'llama3.2:3b' });
    assert.deepEqual(callsOf(unknown.lines), []);
    assert.equal(contentOf(unknown.lines), '{"name": "open_file", "parameters": {"path": "a"}}');
  });

  it('answers a model without the tools capability with the daemon\'s 400', async () => {
    const res = await chat(standIn, { model: 'deepseek-r1:7b' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.lines[0], { error: 'registry.ollama.ai/library/deepseek-r1:7b does not support tools' });
  });

  it('rejects tools and call arguments of the wrong JSON type as Go does', async () => {
    const tools = await chat(standIn, { model: 'qwen2.5-coder:7b', tools: 'read_file' });
    assert.equal(tools.status, 400);
    assert.deepEqual(tools.lines[0], { error: 'json: cannot unmarshal string into Go struct field ChatRequest.tools of type api.Tools' });
    const args = await chat(standIn, { model: 'qwen2.5-coder:7b', messages: [{ role: 'assistant', content: '', tool_calls: [{ function: { name: 'read_file', arguments: '{"path":"a"}' } }] }] });
    assert.equal(args.status, 400);
    assert.match(String(args.lines[0]?.error), /cannot unmarshal string into Go struct field ChatRequest\.messages\.tool_calls\.function\.arguments/);
  });

  it('returns the calls in the single answer when stream is false', async () => {
    standIn.reply(() => textReply(callText(QWEN, [{ name: 'list_dir', args: { path: '.' } }])));
    const { lines } = await chat(standIn, { model: 'qwen2.5-coder:7b', stream: false });
    assert.equal(lines.length, 1);
    assert.deepEqual(lines[0]?.message?.tool_calls, [{ function: { index: 0, name: 'list_dir', arguments: { path: '.' } } }]);
    assert.equal(lines[0]?.message?.content, '');
  });

  it('drops the oldest messages silently when the prompt exceeds num_ctx, and records it', async () => {
    let seen: unknown[] = [];
    standIn.reply((req) => {
      seen = req.visibleMessages ?? [];
      return textReply('ok');
    });
    const long = 'z'.repeat(3000);
    const messages = [{ role: 'system', content: 'rules' }, { role: 'user', content: `task ${long}` }, { role: 'assistant', content: long }, { role: 'user', content: 'last' }];
    await chat(standIn, { model: 'qwen2.5-coder:7b', messages, options: { num_ctx: 1024 } });
    const rec = standIn.requestsTo('/api/chat').at(-1)!;
    assert.ok((rec.promptTokens ?? 0) > (rec.numCtx ?? 0));
    assert.equal(rec.droppedMessages, 2);
    assert.deepEqual(seen.map((m) => (m as { content: string }).content.slice(0, 5)), ['rules', 'last']);
  });

  it('holds a partial tag or tool name until the next piece decides it', () => {
    const parser = new ToolCallParser('<tool_call>', ['read_file', 'read']);
    assert.deepEqual(parser.add('Hi <tool'), { calls: [], content: 'Hi ' });
    assert.deepEqual(parser.add('_call>{"name": "read'), { calls: [], content: '' });
    const done = parser.add('_file", "arguments": {"path": "a"}}</tool_call>');
    assert.deepEqual(done.calls.map((c) => c.function), [{ index: 0, name: 'read_file', arguments: { path: 'a' } }]);
  });
});

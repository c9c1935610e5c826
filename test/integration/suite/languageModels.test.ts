// Hearth's models through VS Code's own language model API, as another
// extension (or VS Code's chat) uses them: selectChatModels, sendRequest,
// streamed text and tool calls, and cancellation that closes the request at
// the stand-in.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import { activateHearth, setHearthSetting, waitForConnection } from '../hearthApi';
import { OllamaStandIn, defaultModels, wordTokens } from '../../fakes/ollamaStandIn';
import { callText, textReply } from '../../fakes/standInScript';

const QWEN = defaultModels().find((m) => m.name === 'qwen2.5-coder:7b')!;

describe("Hearth's models in VS Code's language model API", function () {
  this.timeout(60_000);
  let standIn: OllamaStandIn;
  let api: HearthApi;

  async function hearthModel(id: string): Promise<vscode.LanguageModelChat> {
    // The list follows the connection: poll the API as a caller would after onDidChangeChatModels.
    for (let i = 0; i < 100; i++) {
      const found = (await vscode.lm.selectChatModels({ vendor: 'hearth', id }))[0];
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`vscode.lm never listed hearth/${id}`);
  }

  before(async () => {
    standIn = await OllamaStandIn.start({ latency: { loadMs: 0, timeToFirstTokenMs: 2, perPromptTokenMs: 0, perTokenMs: 2 } });
    api = await activateHearth();
    await setHearthSetting('ollama.host', standIn.url);
    await setHearthSetting('ollama.numCtx', 8192);
    await waitForConnection(api, (s) => s.status === 'connected' && s.models.length === standIn.models.length, 'the stand-in', 30_000);
  });

  after(async () => {
    for (const key of ['ollama.host', 'ollama.numCtx']) await setHearthSetting(key, undefined);
    await standIn.close();
  });

  it('lists the installed chat models under the vendor "hearth", with their window and tool support, and no embedding model', async () => {
    const coder = await hearthModel('qwen2.5-coder:7b');
    const all = await vscode.lm.selectChatModels({ vendor: 'hearth' });
    const ids = all.map((m) => m.id).sort();
    assert.deepEqual(ids, standIn.models.filter((m) => !m.capabilities.includes('embedding')).map((m) => m.name).sort());
    assert.equal(coder.vendor, 'hearth');
    assert.equal(coder.family, 'qwen2');
    assert.ok(coder.maxInputTokens > 0 && coder.maxInputTokens < 8192, `input window ${coder.maxInputTokens} leaves room for the answer in num_ctx 8192`);
  });

  it("streams the stand-in's answer for a request, sent with Hearth's num_ctx and keep_alive", async () => {
    standIn.reply(() => ({ tokens: wordTokens('Local models keep code on this machine.') }));
    const model = await hearthModel('qwen2.5-coder:7b');
    const before = standIn.requests.length;
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Why local?')], {}, new vscode.CancellationTokenSource().token);
    let text = '';
    for await (const chunk of response.text) text += chunk;
    assert.equal(text, 'Local models keep code on this machine.');
    const request = standIn.requests.slice(before).find((r) => r.path === '/api/chat');
    assert.ok(request, 'the answer came from /api/chat');
    const body = request.body as { model: string; messages: { role: string; content: string }[]; options?: { num_ctx?: number; num_predict?: number }; keep_alive?: unknown };
    assert.equal(body.model, 'qwen2.5-coder:7b');
    assert.deepEqual(body.messages, [{ role: 'user', content: 'Why local?' }]);
    assert.equal(body.options?.num_ctx, 8192);
    // The model info's answer room: num_ctx minus the input window.
    assert.equal(body.options?.num_predict, 8192 - model.maxInputTokens, 'the answer is bounded by the room the model info promised');
    assert.equal(body.keep_alive, '30m');
  });

  it('cancelling the request closes it at the stand-in', async function () {
    // Before 1.127 VS Code does not pass the caller's cancellation on to the
    // provider (microsoft/vscode#277872, fixed by #319098): nothing reaches
    // Hearth to act on. The answer is still bounded by num_predict (above).
    const [major = 0, minor = 0] = vscode.version.split('.').map(Number);
    if (major === 1 && minor < 127) this.skip();
    standIn.reply(() => ({ tokens: wordTokens('word '.repeat(400)) }));
    standIn.latency = { ...standIn.latency, perTokenMs: 50 };
    const model = await hearthModel('qwen2.5-coder:7b');
    const cancel = new vscode.CancellationTokenSource();
    const before = standIn.requests.length;
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Write a lot')], {}, cancel.token);
    let text = '';
    try {
      for await (const chunk of response.text) {
        text += chunk;
        if (text.length > 10) cancel.cancel();
      }
    } catch (error) {
      // VS Code may end the stream with a cancellation error: that is the caller's view of it.
      assert.ok(cancel.token.isCancellationRequested, `failed without being cancelled: ${String(error)}`);
    }
    const request = standIn.requests.slice(before).find((r) => r.path === '/api/chat');
    assert.ok(request, 'the request reached the stand-in');
    assert.equal(await standIn.waitForOutcome(request, 10_000), 'clientClosed');
    assert.ok(request.tokensSent < 400, `generation stopped early (${request.tokensSent} of 400 tokens sent)`);
    standIn.latency = { ...standIn.latency, perTokenMs: 2 };
  });

  it("hands a tool-capable model's call to the caller as a tool call part, and sends the result back as a tool message", async () => {
    standIn.reply((req) => {
      const messages = (req.body as { messages?: { role: string }[] }).messages ?? [];
      return messages.some((m) => m.role === 'tool') ? textReply('It exports nothing.') : textReply(callText(QWEN, [{ name: 'read_file', args: { path: 'src/a.ts' } }]));
    });
    const model = await hearthModel('qwen2.5-coder:7b');
    const tools: vscode.LanguageModelChatTool[] = [
      { name: 'read_file', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
    ];
    const question = vscode.LanguageModelChatMessage.User('What is in src/a.ts?');
    const first = await model.sendRequest([question], { tools }, new vscode.CancellationTokenSource().token);
    const calls: vscode.LanguageModelToolCallPart[] = [];
    for await (const part of first.stream) if (part instanceof vscode.LanguageModelToolCallPart) calls.push(part);
    const [call] = calls;
    assert.ok(call && calls.length === 1, `one call, got ${calls.length}`);
    assert.equal(call.name, 'read_file');
    assert.deepEqual(call.input, { path: 'src/a.ts' });

    const before = standIn.requests.length;
    const second = await model.sendRequest(
      [
        question,
        vscode.LanguageModelChatMessage.Assistant([call]),
        vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(call.callId, [new vscode.LanguageModelTextPart('export {};')])]),
      ],
      { tools },
      new vscode.CancellationTokenSource().token,
    );
    let text = '';
    for await (const chunk of second.text) text += chunk;
    assert.equal(text, 'It exports nothing.');
    const body = standIn.requests.slice(before).find((r) => r.path === '/api/chat')?.body as { messages: Record<string, unknown>[]; tools?: unknown[] };
    assert.equal(body.tools?.length, 1, 'the tools went with the request');
    assert.deepEqual(body.messages.slice(1), [
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'read_file', arguments: { path: 'src/a.ts' } } }] },
      { role: 'tool', content: 'export {};', tool_name: 'read_file' },
    ]);
  });

  it('a failing daemon gives the caller a clear error', async () => {
    standIn.injectFault('/api/chat', { kind: 'status', status: 500, error: 'CUDA error: out of memory' });
    const model = await hearthModel('qwen2.5-coder:7b');
    await assert.rejects(async () => {
      const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('hi')], {}, new vscode.CancellationTokenSource().token);
      for await (const chunk of response.text) void chunk;
    }, /out of memory/);
  });
});

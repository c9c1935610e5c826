import * as assert from 'node:assert/strict';
import type { Logger } from '../../../../src/core/logger';
import { handleWebviewMessage } from '../../../../src/core/panel/webviewHandlers';
import type { WebviewHandlers } from '../../../../src/core/panel/webviewHandlers';
import type { WebviewToHost } from '../../../../src/shared/protocol';

/** One well-formed message of every type the webview may send. */
const EVERY_MESSAGE: readonly WebviewToHost[] = [
  { type: 'ready' },
  { type: 'refreshModels' },
  { type: 'setModel', role: 'chat', model: 'llama3.2:3b' },
  { type: 'runAction', action: 'retry' },
  { type: 'openInstructionFile', path: 'AGENTS.md' },
  { type: 'manageTrust' },
  { type: 'showEffectiveInstructions' },
  { type: 'createAgentsMd' },
  { type: 'pullForRole', role: 'completion', model: 'qwen2.5-coder:1.5b-base' },
  { type: 'cancelPull', model: 'qwen2.5-coder:1.5b-base' },
  { type: 'diagnostics', action: 'run' },
  { type: 'setupAction', action: 'openWalkthrough' },
  { type: 'chatSend', text: 'hi' },
  { type: 'chatStop' },
  { type: 'chatRegenerate', turnId: 't1' },
  { type: 'inspectTurn', turnId: 't1' },
  { type: 'chatEditResend', turnId: 'u1', text: 'again' },
  { type: 'chatNew' },
  { type: 'chatOpen', conversationId: 'c1' },
  { type: 'chatRename', conversationId: 'c1' },
  { type: 'chatDelete', conversationId: 'c1' },
  { type: 'chatExport', conversationId: 'c1' },
  { type: 'chatSetModel', model: 'llama3.2:3b' },
  { type: 'chatRemoveContext', chipId: 'chip1' },
  { type: 'chatAttachFile' },
  { type: 'chatCodeAction', action: 'copy', turnId: 't1', code: 'x', language: 'ts' },
  { type: 'chatOpenLink', href: 'https://ollama.com' },
  { type: 'chatSetMode', mode: 'agent' },
  { type: 'chatAgentDecide', turnId: 't1', stepId: 3, decision: 'approveAlways' },
  { type: 'chatAgentDiff', turnId: 't1', stepId: 0, path: 'src/app.ts' },
  { type: 'chatAgentUndo', turnId: 't1' },
];

class RecordingLog implements Logger {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  trace(): void {}
  debug(): void {}
  info(): void {}
  warn(message: string): void {
    this.warnings.push(message);
  }
  error(message: string | Error): void {
    this.errors.push(String(message));
  }
}

/** A complete table whose every handler records the message it got. */
function recordingTable(calls: WebviewToHost[]): WebviewHandlers {
  const record = (message: WebviewToHost): void => {
    calls.push(message);
  };
  return {
    ready: record,
    refreshModels: record,
    setModel: record,
    runAction: record,
    openInstructionFile: record,
    manageTrust: record,
    showEffectiveInstructions: record,
    createAgentsMd: record,
    pullForRole: record,
    cancelPull: record,
    diagnostics: record,
    setupAction: record,
    chatSend: record,
    chatStop: record,
    inspectTurn: record,
    chatRegenerate: record,
    chatEditResend: record,
    chatNew: record,
    chatOpen: record,
    chatRename: record,
    chatDelete: record,
    chatExport: record,
    chatSetModel: record,
    chatRemoveContext: record,
    chatAttachFile: record,
    chatCodeAction: record,
    chatOpenLink: record,
    chatSetMode: record,
    chatAgentDecide: record,
    chatAgentDiff: record,
    chatAgentUndo: record,
  };
}

describe('the webview message table', () => {
  it('takes every message type the protocol has, each to its own handler, once, as validated', async () => {
    const calls: WebviewToHost[] = [];
    const log = new RecordingLog();
    const table = recordingTable(calls);
    for (const message of EVERY_MESSAGE) {
      const before = calls.length;
      await handleWebviewMessage(table, JSON.parse(JSON.stringify(message)), log);
      assert.deepEqual(calls.slice(before), [message], message.type);
    }
    assert.deepEqual(new Set(EVERY_MESSAGE.map((m) => m.type)), new Set(Object.keys(table)), 'one handler per message type, none left over');
    assert.deepEqual(log.warnings, []);
  });

  it('refuses a table that misses a message type (TypeScript does)', () => {
    const { chatOpenLink: _left, ...partial } = recordingTable([]);
    // @ts-expect-error chatOpenLink has no handler
    const table: WebviewHandlers = partial;
    assert.equal('chatOpenLink' in table, false);
  });

  it('drops what the webview should never send, before any handler runs', async () => {
    const calls: WebviewToHost[] = [];
    const log = new RecordingLog();
    for (const raw of [
      null,
      { type: 'retry' },
      { type: '__proto__' },
      { type: 'constructor' },
      { type: 'runAction', action: 'workbench.action.terminal.new' },
      { type: 'chatSend', text: 'hi', html: '<b>' },
      { type: 'pullForRole', role: 'chat', model: 'rm -rf' },
    ]) {
      await handleWebviewMessage(recordingTable(calls), raw, log);
    }
    assert.deepEqual(calls, []);
    assert.equal(log.warnings.length, 7);
  });

  it('resolves when the handler is done, and logs a handler that fails instead of throwing', async () => {
    const log = new RecordingLog();
    const order: string[] = [];
    const table: WebviewHandlers = {
      ...recordingTable([]),
      chatSend: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push('answered');
      },
      chatStop: () => {
        throw new Error('no answer to stop');
      },
    };
    await handleWebviewMessage(table, { type: 'chatSend', text: 'hi' }, log);
    order.push('returned');
    assert.deepEqual(order, ['answered', 'returned']);
    await handleWebviewMessage(table, { type: 'chatStop' }, log);
    assert.deepEqual(log.errors, ['Error: no answer to stop']);
  });
});

import * as assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/shared/parseWebviewMessage';

describe('parseWebviewMessage', () => {
  it('accepts every well-formed message', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'runAction', action: 'retry' },
      { type: 'refreshModels' },
      { type: 'setModel', role: 'chat', model: 'llama3.2:3b' },
      { type: 'setModel', role: 'completion', model: 'hf.co/org/model:Q4_K_M' },
      { type: 'runAction', action: 'startOllamaHelp' },
      { type: 'chatSend', text: 'Explain\nthis' },
      { type: 'chatStop' },
      { type: 'chatNew' },
      { type: 'chatAttachFile' },
      { type: 'chatRegenerate', turnId: 'a-1_B' },
      { type: 'inspectTurn', turnId: 'a-1_B' },
      { type: 'chatEditResend', turnId: 'u1', text: 'again' },
      { type: 'chatOpen', conversationId: 'c1' },
      { type: 'chatRename', conversationId: 'c1' },
      { type: 'chatDelete', conversationId: 'c1' },
      { type: 'chatExport', conversationId: 'c1' },
      { type: 'chatSetModel', model: 'llama3.2:3b' },
      { type: 'chatRemoveContext', chipId: 'chip1' },
      { type: 'chatCodeAction', action: 'apply', turnId: 't1', code: 'let x = 1;', language: 'typescript' },
      { type: 'chatCodeAction', action: 'copy', turnId: 't1', code: 'x', language: '' },
      { type: 'chatOpenLink', href: 'https://ollama.com' },
      { type: 'pullForRole', role: 'completion', model: 'qwen2.5-coder:1.5b-base' },
      { type: 'pullForRole', role: 'chat', model: 'qwen2.5-coder:7b' },
      { type: 'cancelPull', model: 'qwen2.5-coder:7b' },
      { type: 'diagnostics', action: 'run' },
      { type: 'diagnostics', action: 'cancel' },
      { type: 'diagnostics', action: 'copy' },
      { type: 'diagnostics', action: 'open' },
      { type: 'setupAction', action: 'openDownloadPage' },
      { type: 'setupAction', action: 'openWalkthrough' },
    ]) {
      assert.deepEqual(parseWebviewMessage(m), m);
    }
  });

  it('rejects malformed and hostile messages', () => {
    for (const m of [
      null,
      'ready',
      [],
      {},
      { type: 'unknown' },
      // Retry is one action among the others (runAction), not a message of its own.
      { type: 'retry' },
      { type: 'ready', extra: 1 },
      { type: 'setModel', role: 'admin', model: 'x' },
      { type: 'setModel', role: 'chat' },
      { type: 'setModel', role: 'chat', model: '' },
      { type: 'setModel', role: 'chat', model: 'a b' },
      { type: 'setModel', role: 'chat', model: 'a\u00a0b' },
      { type: 'setModel', role: 'chat', model: 'x\u0000' },
      { type: 'setModel', role: 'chat', model: 'x'.repeat(300) },
      { type: 'setModel', role: 'chat', model: 42 },
      { type: 'runAction', action: 'workbench.action.terminal.new' },
      { type: 'runAction' },
      { type: '__proto__' },
      { type: 'chatSend', text: '   ' },
      { type: 'chatSend', text: 'x'.repeat(100_001) },
      { type: 'chatSend', text: 42 },
      { type: 'chatSend', text: 'hi', html: '<b>' },
      { type: 'chatStop', turnId: 'x' },
      { type: 'chatRegenerate', turnId: '../../etc' },
      { type: 'chatRegenerate', turnId: '' },
      { type: 'inspectTurn', turnId: '../../etc' },
      { type: 'chatEditResend', turnId: 'u1' },
      { type: 'chatOpen', conversationId: 'a b' },
      { type: 'chatDelete', conversationId: 'x'.repeat(65) },
      { type: 'chatSetModel', model: 'bad model' },
      { type: 'chatCodeAction', action: 'run', turnId: 't1', code: 'rm -rf /', language: 'sh' },
      { type: 'chatCodeAction', action: 'insert', turnId: 't1', code: '', language: 'ts' },
      { type: 'chatCodeAction', action: 'insert', turnId: 't1', code: 'x', language: '<script>' },
      { type: 'chatCodeAction', action: 'insert', turnId: 't1', code: 'x' },
      { type: 'chatOpenLink', href: '' },
      { type: 'chatOpenLink', href: 'x'.repeat(3000) },
      { type: 'chatRemoveContext', chipId: { toString: 'x' } },
      { type: 'pullForRole', role: 'embedding', model: 'x' },
      { type: 'pullForRole', role: 'chat' },
      { type: 'pullForRole', role: 'chat', model: 'rm -rf' },
      { type: 'pullForRole', role: 'chat', model: 'x', extra: true },
      { type: 'cancelPull' },
      { type: 'cancelPull', model: '' },
      { type: 'diagnostics', action: 'delete' },
      { type: 'diagnostics' },
      { type: 'setupAction', action: 'openExternal' },
      { type: 'setupAction', action: 'openDownloadPage', url: 'https://evil.example' },
    ]) {
      assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
    }
  });
});

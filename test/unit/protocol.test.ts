import * as assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../src/shared/protocol';

describe('parseWebviewMessage', () => {
  it('accepts every well-formed message', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'retry' },
      { type: 'refreshModels' },
      { type: 'setModel', role: 'chat', model: 'llama3.2:3b' },
      { type: 'setModel', role: 'completion', model: 'hf.co/org/model:Q4_K_M' },
      { type: 'runAction', action: 'startOllamaHelp' },
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
      { type: 'ready', extra: 1 },
      { type: 'setModel', role: 'admin', model: 'x' },
      { type: 'setModel', role: 'chat' },
      { type: 'setModel', role: 'chat', model: '' },
      { type: 'setModel', role: 'chat', model: 'a b' },
      { type: 'setModel', role: 'chat', model: 'x\u0000' },
      { type: 'setModel', role: 'chat', model: 'x'.repeat(300) },
      { type: 'setModel', role: 'chat', model: 42 },
      { type: 'runAction', action: 'workbench.action.terminal.new' },
      { type: 'runAction' },
      { type: '__proto__' },
    ]) {
      assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
    }
  });
});

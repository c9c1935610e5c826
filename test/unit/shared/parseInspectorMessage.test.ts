import * as assert from 'node:assert/strict';
import { parseInspectorMessage } from '../../../src/shared/parseWebviewMessage';

describe('the Inspector page\'s messages, as the host accepts them', () => {
  it('accepts exactly the protocol\'s shapes', () => {
    for (const message of [
      { type: 'inspectorReady' },
      { type: 'inspectorClear' },
      { type: 'inspectorEntry', action: 'select', id: 3 },
      { type: 'inspectorEntry', action: 'copyCurl', id: 1 },
      { type: 'inspectorEntry', action: 'saveJson', id: 9007199254740991 },
    ]) {
      assert.deepEqual(parseInspectorMessage(JSON.parse(JSON.stringify(message))), message);
    }
  });

  it('refuses anything else: unknown actions, ids that are not positive integers, extra fields, other messages', () => {
    for (const message of [
      null,
      'inspectorReady',
      [],
      { type: 'inspectorEntry', action: 'runCurl', id: 1 },
      { type: 'inspectorEntry', action: 'copyCurl', id: '1' },
      { type: 'inspectorEntry', action: 'copyCurl', id: 0 },
      { type: 'inspectorEntry', action: 'copyCurl', id: 1.5 },
      { type: 'inspectorEntry', action: 'copyCurl', id: 1, url: 'http://evil.example' },
      { type: 'inspectorEntry', action: 'saveJson' },
      { type: 'inspectorReady', headers: { Authorization: 'x' } },
      { type: 'chatSend', text: 'hi' },
      { type: '__proto__' },
    ]) {
      assert.equal(parseInspectorMessage(message), undefined, JSON.stringify(message));
    }
  });
});

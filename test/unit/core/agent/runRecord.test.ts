import * as assert from 'node:assert/strict';
import { parseRunRecord } from '../../../../src/core/agent/runRecord';

describe('agent: run records', () => {
  it('reads back only well-formed run records', () => {
    assert.equal(parseRunRecord('{'), undefined);
    assert.equal(parseRunRecord('{"version": 2}'), undefined);
    const base = { version: 1, id: 'r', task: 't', model: 'm', startedAt: 1, endedAt: 2, tokensSent: 3, modelSteps: [], toolSteps: [], notes: [], changes: [], allowedCommands: [], outcome: { kind: 'cancelled' } };
    assert.ok(parseRunRecord(JSON.stringify(base)));
    assert.equal(parseRunRecord(JSON.stringify({ ...base, changes: [{ path: 'a', before: 1, after: 'x' }] })), undefined);
  });
});

import * as assert from 'node:assert/strict';
import { parseLenientJson } from '../../../../src/core/agent/lenientJson';

describe('agent: lenient JSON', () => {
  it('repairs JSON slips but never invents content', () => {
    assert.deepEqual(parseLenientJson("{'a': True, b: None, 'c': [1,2,],}"), { ok: true, value: { a: true, b: null, c: [1, 2] }, repairs: ['single quotes', 'Python literals', 'unquoted keys', 'trailing comma'] });
    assert.deepEqual(parseLenientJson('{"s": "it\'s \\"fine\\""}'), { ok: true, value: { s: 'it\'s "fine"' }, repairs: [] });
    assert.equal(parseLenientJson('{"a": }').ok, false);
    assert.equal(parseLenientJson('not json at all').ok, false);
  });
  it('closes brackets a reply left open, but never a string it ends inside', () => {
    assert.deepEqual(parseLenientJson('{"path": "a.ts", "n": [1, 2'), { ok: true, value: { path: 'a.ts', n: [1, 2] }, repairs: ['unclosed brackets'] });
    for (const cut of ['{"content": "def f():\n    return', "{'command': 'npm te", '{"a": "x", "b": "y\\"}']) {
      const parsed = parseLenientJson(cut);
      assert.ok(!parsed.ok && /ends inside a string/.test(parsed.error), cut);
    }
  });
});

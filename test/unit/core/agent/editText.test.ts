import * as assert from 'node:assert/strict';
import { applyEdit } from '../../../../src/core/agent/editText';

describe('agent: edits', () => {
  it('applies an exact block once; explains zero or many matches', () => {
    assert.deepEqual(applyEdit('a.ts', 'a\nb\nc\n', 'b\n', 'B\n'), { ok: true, text: 'a\nB\nc\n', repairs: [] });
    const many = applyEdit('a.ts', 'x\nx\n', 'x', 'y');
    assert.ok(!many.ok && /appears 2 times/.test(many.error));
    const off = applyEdit('a.ts', 'function f() {\n  return 1;\n}\n', 'function f() {\n  return 2;\n}', 'z');
    assert.ok(!off.ok && /differs at line 2: the file has "return 1;"/.test(off.error));
    assert.deepEqual(applyEdit('w.ts', 'one\r\ntwo\r\n', 'one\ntwo', 'uno\ndos'), { ok: true, text: 'uno\r\ndos\r\n', repairs: ['line endings matched to the file (CRLF)'] });
  });
});

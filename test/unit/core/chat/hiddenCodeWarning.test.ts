// The warning before code from a reply reaches a file, from the attacker's
// side: Trojan Source, zero-width characters in names, many lines of them;
// and ordinary code, other scripts and Copy never warn.
import * as assert from 'node:assert/strict';
import { hiddenCodeWarning } from '../../../../src/core/chat/hiddenCodeWarning';

const TROJAN = 'let ok = 1;\nlet role = "user\u202E \u2066// admin\u2069 \u2066";\nlet z\u200B = 2;';

describe('hiddenCodeWarning', () => {
  it('names each hidden character by line before Insert, Apply and Save as, each with its own button', () => {
    for (const [action, proceed] of [
      ['insert', 'Insert Anyway'],
      ['apply', 'Apply Anyway'],
      ['saveAs', 'Save Anyway'],
    ] as const) {
      const warning = hiddenCodeWarning(action, TROJAN);
      assert.ok(warning, action);
      assert.equal(warning.proceed, proceed);
      assert.match(warning.message, /5 invisible or bidirectional control characters/);
      const lines = warning.detail.split('\n');
      assert.equal(lines[0], 'Line 2: U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE, U+2069 POP DIRECTIONAL ISOLATE (4 in all)');
      assert.equal(lines[1], 'Line 3: U+200B ZERO WIDTH SPACE');
    }
  });

  it('says one character in the singular, and how many more there are past the lines it lists', () => {
    assert.match(hiddenCodeWarning('insert', 'a\u2060b')?.message ?? '', /contains an invisible or bidirectional control character:/);
    const many = Array.from({ length: 20 }, (_, i) => `x${i}\u200D = ${i};`).join('\n');
    const detail = hiddenCodeWarning('apply', many)?.detail ?? '';
    assert.equal(detail.split('\n').filter((l) => l.startsWith('Line ')).length, 8);
    assert.match(detail, /…and 12 more on later lines\./);
  });

  it('stays quiet for ordinary code, other scripts, tabs and CRLF, and for Copy', () => {
    for (const code of ['const x = "hi";\r\n\tif (a) { b(); }', 'print("Grüße, 你好, مرحبا, שלום")', '// 🎉 done']) assert.equal(hiddenCodeWarning('insert', code), undefined, code);
    assert.equal(hiddenCodeWarning('copy', TROJAN), undefined);
  });
});

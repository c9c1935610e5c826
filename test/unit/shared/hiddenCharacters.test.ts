// The characters that make text show one thing and mean another, from the
// attacker's side: Trojan Source bidi overrides, zero-width characters, odd
// spaces, tag characters; and what an ordinary reply contains must not count.
import * as assert from 'node:assert/strict';
import {
  describeCodePoint,
  findHiddenCharacters,
  hasBidiFormatting,
  hasHiddenCharacters,
  isBidiControl,
  revealHiddenCharacters,
} from '../../../src/shared/hiddenCharacters';

describe('hidden characters', () => {
  it('finds every bidi control, zero-width and invisible format character, odd space and control code', () => {
    const hidden = [
      0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x00a0, 0x2000, 0x3000, 0x2028, 0x2029,
      0x0000, 0x0007, 0x001b, 0x007f, 0x0085, 0x115f, 0x3164, 0x034f, 0xfe0f, 0xe0041, 0xe0100, 0x2062,
    ];
    for (const codePoint of hidden) assert.ok(hasHiddenCharacters(`a${String.fromCodePoint(codePoint)}b`), describeCodePoint(codePoint));
  });

  it('leaves code, prose, other scripts and emoji without joiners alone', () => {
    for (const text of ['const x = "hi";\n\tif (a) { b(); }\r\n', 'Grüße, ça va? 你好 Привет مرحبا שלום', '🎉 done ✓', '']) assert.equal(hasHiddenCharacters(text), false, text);
  });

  it('reports the Trojan Source sample by line, naming each character once per line', () => {
    const code = 'let ok = 1;\nlet role = "user\u202E \u2066// admin\u2069 \u2066";\nlet z\u200B = 2;';
    const found = findHiddenCharacters(code);
    assert.equal(found.total, 5);
    assert.deepEqual(found.lines, [
      { line: 2, codePoints: [0x202e, 0x2066, 0x2069], count: 4 },
      { line: 3, codePoints: [0x200b], count: 1 },
    ]);
    assert.equal(findHiddenCharacters(code, 1).lines.length, 1, 'at most the lines asked for');
    assert.equal(findHiddenCharacters(code, 1).total, 5, 'but all are counted');
  });

  it('names characters, and tells bidi controls from other invisible ones', () => {
    assert.equal(describeCodePoint(0x202e), 'U+202E RIGHT-TO-LEFT OVERRIDE');
    assert.equal(describeCodePoint(0x200b), 'U+200B ZERO WIDTH SPACE');
    assert.equal(describeCodePoint(0xe0041), 'U+E0041 tag character');
    assert.equal(describeCodePoint(0x1b), 'U+001B control character');
    assert.ok(isBidiControl(0x202e) && isBidiControl(0x2066) && isBidiControl(0x200f));
    assert.ok(!isBidiControl(0x200b) && !isBidiControl(0x41));
    assert.ok(hasBidiFormatting('a\u202Eb') && hasBidiFormatting('a\u2067b'));
    assert.ok(!hasBidiFormatting('a\u200Fb'), 'a mark is not an embedding, override or isolate');
  });

  it('spells them out for plain-text places: a URL that hides a character shows it', () => {
    assert.equal(revealHiddenCharacters('https://good.example\u202E/moc.live'), 'https://good.example<U+202E>/moc.live');
    assert.equal(revealHiddenCharacters('tag\u{E0041}'), 'tag<U+E0041>');
    assert.equal(revealHiddenCharacters('plain'), 'plain');
  });
});

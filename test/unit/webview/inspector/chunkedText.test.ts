import * as assert from 'node:assert/strict';
import { splitAtMarks } from '../../../../webview/inspector/chunkedText';

const FIM = ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|file_sep|>', '[SUFFIX]', '[PREFIX]'];

describe('inspector: splitting a prompt at its special tokens', () => {
  it('marks each token and keeps every character, in order', () => {
    const prompt = '<|file_sep|>a.py\nx = 1\n<|fim_prefix|>def f(<|fim_suffix|>)\n<|fim_middle|>';
    const pieces = splitAtMarks(prompt, FIM);
    assert.equal(pieces.map((p) => p.text).join(''), prompt);
    assert.deepEqual(pieces.filter((p) => p.mark).map((p) => p.text), ['<|file_sep|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>']);
  });

  it('treats regex characters in tokens literally, and text that merely resembles a token as text', () => {
    const prompt = '[SUFFIX]a[PREFIX]b [SUFFIXX] <|fim_pre|> (.*)';
    const pieces = splitAtMarks(prompt, FIM);
    assert.deepEqual(pieces.filter((p) => p.mark).map((p) => p.text), ['[SUFFIX]', '[PREFIX]']);
    assert.equal(pieces.map((p) => p.text).join(''), prompt);
  });

  it('leaves a prompt without tokens whole, also a megabyte of one', () => {
    const big = 'x'.repeat(1_000_000);
    assert.deepEqual(splitAtMarks(big, FIM), [{ text: big, mark: false }]);
    assert.deepEqual(splitAtMarks('', FIM), [{ text: '', mark: false }]);
  });
});

import * as assert from 'node:assert/strict';
import type { FimFamily } from '../../../../src/core/fimFamily';
import { buildFimPrompt, fimTemplateFor } from '../../../../src/core/completion/fimTemplates';
import type { FimInput } from '../../../../src/core/completion/fimTemplates';

const P = 'def add(a, b):\n    ';
const S = '\n\nprint(add(1, 2))\n';
const files = [
  { path: 'src/util.py', text: 'def sub(a, b):\n    return a - b' },
  { path: 'src/mul.py', text: 'def mul(a, b):\n    return a * b' },
];
const multi: FimInput = { prefix: P, suffix: S, files, repoName: 'calc', filePath: 'src/add.py' };

// Each fixture is the exact prompt the model was trained on; a space or bar out of place silently ruins completions.
const single: [FimFamily, string, string[]][] = [
  [
    'qwen2.5-coder',
    `<|fim_prefix|>${P}<|fim_suffix|>${S}<|fim_middle|>`,
    ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>', '<|repo_name|>', '<|file_sep|>', '<|im_start|>', '<|im_end|>'],
  ],
  ['codellama', `<PRE> ${P} <SUF>${S} <MID>`, ['<EOT>']],
  [
    'deepseek-coder',
    `<｜fim▁begin｜>${P}<｜fim▁hole｜>${S}<｜fim▁end｜>`,
    ['<｜end▁of▁sentence｜>', '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>'],
  ],
  ['starcoder', `<fim_prefix>${P}<fim_suffix>${S}<fim_middle>`, ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>']],
  ['codestral', `[SUFFIX]${S}[PREFIX]${P}`, ['[PREFIX]', '[SUFFIX]', '</s>']],
  ['codegemma', `<|fim_prefix|>${P}<|fim_suffix|>${S}<|fim_middle|>`, ['<|file_separator|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>']],
];

describe('fimTemplates', () => {
  for (const [family, prompt, stop] of single) {
    it(`${family}: single-file prompt and stop tokens`, () => {
      const built = buildFimPrompt(fimTemplateFor(family), { prefix: P, suffix: S });
      assert.equal(built.prompt, prompt);
      assert.deepEqual(built.stop, stop);
    });
  }

  it('deepseek tokens use full-width bars (U+FF5C) and U+2581, never ASCII', () => {
    const { prompt, stop } = buildFimPrompt(fimTemplateFor('deepseek-coder'), { prefix: 'a', suffix: 'b' });
    const begin = prompt.slice(0, prompt.indexOf('a'));
    assert.deepEqual([...begin].map((c) => c.codePointAt(0)), [0x3c, 0xff5c, 0x66, 0x69, 0x6d, 0x2581, 0x62, 0x65, 0x67, 0x69, 0x6e, 0xff5c, 0x3e]);
    assert.ok(!stop.some((s) => s.includes('|') || s.includes(' ')));
  });

  it('codegemma never uses the StarCoder tokens', () => {
    const { prompt } = buildFimPrompt(fimTemplateFor('codegemma'), multi);
    assert.ok(!prompt.includes('<fim_prefix>'));
  });

  it('qwen2.5-coder: repository-level form with other files', () => {
    const { prompt } = buildFimPrompt(fimTemplateFor('qwen2.5-coder'), multi);
    assert.equal(
      prompt,
      '<|repo_name|>calc\n' +
        '<|file_sep|>src/util.py\ndef sub(a, b):\n    return a - b\n' +
        '<|file_sep|>src/mul.py\ndef mul(a, b):\n    return a * b\n' +
        `<|file_sep|>src/add.py\n<|fim_prefix|>${P}<|fim_suffix|>${S}<|fim_middle|>`,
    );
  });

  it('qwen2.5-coder: repository form falls back to neutral names', () => {
    const { prompt } = buildFimPrompt(fimTemplateFor('qwen2.5-coder'), { prefix: 'a', suffix: 'b', files: [files[0]!] });
    assert.ok(prompt.startsWith('<|repo_name|>workspace\n<|file_sep|>src/util.py\n'));
    assert.ok(prompt.includes('<|file_sep|>untitled\n<|fim_prefix|>a'));
  });

  it('starcoder: repository-context form, the edited file path inside <fim_prefix>', () => {
    const { prompt } = buildFimPrompt(fimTemplateFor('starcoder'), multi);
    assert.equal(
      prompt,
      '<repo_name>calc' +
        '<file_sep>src/util.py\ndef sub(a, b):\n    return a - b' +
        '<file_sep>src/mul.py\ndef mul(a, b):\n    return a * b' +
        `<file_sep><fim_prefix>src/add.py\n${P}<fim_suffix>${S}<fim_middle>`,
    );
  });

  it('codegemma: files separated by <|file_separator|>', () => {
    const { prompt } = buildFimPrompt(fimTemplateFor('codegemma'), multi);
    assert.equal(
      prompt,
      '<|file_separator|>src/util.py\ndef sub(a, b):\n    return a - b\n' +
        '<|file_separator|>src/mul.py\ndef mul(a, b):\n    return a * b\n' +
        `<|file_separator|>src/add.py\n<|fim_prefix|>${P}<|fim_suffix|>${S}<|fim_middle|>`,
    );
  });

  for (const family of ['codellama', 'deepseek-coder', 'codestral'] as const) {
    it(`${family}: no file separator, so files are left to the comment header`, () => {
      assert.equal(fimTemplateFor(family).multiFile, false);
      assert.equal(buildFimPrompt(fimTemplateFor(family), multi).prompt, buildFimPrompt(fimTemplateFor(family), { prefix: P, suffix: S }).prompt);
    });
  }

  it('returns a copy of the stop list', () => {
    const built = buildFimPrompt(fimTemplateFor('codellama'), { prefix: '', suffix: '' });
    (built.stop as string[]).push('x');
    assert.deepEqual(fimTemplateFor('codellama').stop, ['<EOT>']);
  });
});

import * as assert from 'node:assert/strict';
import { buildCompletionPrompt } from '../../../../src/core/completion/completionPrompt';
import { transportFor, unsupportedReason } from '../../../../src/core/completion/fimTransport';
import { DIGEST_MAX_CHARS, clipDigest, renderPromptHeader } from '../../../../src/core/completion/promptHeader';

const hash = (text: string): string =>
  text
    .split('\n')
    .map((l) => `# ${l}`)
    .join('\n');
const files = [{ path: 'lib/a.py', text: 'def a():\n    pass\n' }];

describe('transportFor', () => {
  const model = (name: string, capabilities: string[], template = ''): { name: string; capabilities: string[]; template: string } => ({ name, capabilities, template });

  it('insert capability → suffix (Ollama writes the FIM tokens)', () => {
    assert.deepEqual(transportFor(model('qwen2.5-coder:7b', ['completion', 'insert'])), { kind: 'suffix' });
  });
  it('a -base tag without insert → raw with the detected family', () => {
    assert.deepEqual(transportFor(model('qwen2.5-coder:1.5b-base', ['completion'])), { kind: 'raw', family: 'qwen2.5-coder' });
  });
  it('a forced family wins over insert and detection', () => {
    assert.deepEqual(transportFor(model('my-finetune:latest', ['completion', 'insert']), 'starcoder'), { kind: 'raw', family: 'starcoder' });
  });
  it('old server without capabilities: a template with .Suffix → suffix', () => {
    assert.deepEqual(transportFor(model('custom:1b', [], '{{ if .Suffix }}<PRE> {{ .Prompt }}{{ end }}')), { kind: 'suffix' });
  });
  it('neither → unsupported, naming what to do', () => {
    const t = transportFor(model('llama3.2:3b', ['completion', 'tools']));
    assert.equal(t.kind, 'unsupported');
    assert.ok(t.kind === 'unsupported' && t.reason.includes('"llama3.2:3b"'));
    assert.ok(unsupportedReason('x').includes('Use a FIM-capable model such as qwen2.5-coder:1.5b-base, or set hearth.completion.template'));
  });
});

describe('renderPromptHeader', () => {
  it('nothing without a comment syntax: plain text would read as code', () => {
    assert.equal(renderPromptHeader({ digest: 'Use tabs.', files }), '');
  });
  it('digest first, then files, each as comments, ending in a newline', () => {
    assert.equal(renderPromptHeader({ digest: 'Use tabs.', files, comment: hash }), '# Use tabs.\n# lib/a.py\n# def a():\n#     pass\n');
  });
  it('clips the digest to its fixed budget on a line boundary', () => {
    const long = Array.from({ length: 100 }, (_, i) => `- rule number ${i}`).join('\n');
    const clipped = clipDigest(long);
    assert.ok(clipped.length <= DIGEST_MAX_CHARS);
    assert.ok(clipped.endsWith(`rule number ${clipped.split('\n').length - 1}`));
  });
});

describe('buildCompletionPrompt', () => {
  const input = { prefix: 'def b():\n    ', suffix: '\n', files, repoName: 'r', filePath: 'lib/b.py', digest: 'Use type hints.', comment: hash };

  it('suffix transport: header + prefix as prompt, suffix apart, no stop override; for /infill the files apart from a prefix that keeps the digest', () => {
    assert.deepEqual(buildCompletionPrompt({ kind: 'suffix' }, input), {
      prompt: '# Use type hints.\n# lib/a.py\n# def a():\n#     pass\ndef b():\n    ',
      suffix: '\n',
      raw: false,
      stop: [],
      infill: { prefix: '# Use type hints.\ndef b():\n    ', files },
    });
  });

  it('raw multi-file family: files in the repository form, digest on top of the current file', () => {
    const built = buildCompletionPrompt({ kind: 'raw', family: 'qwen2.5-coder' }, input);
    assert.equal(
      built.prompt,
      '<|repo_name|>r\n<|file_sep|>lib/a.py\ndef a():\n    pass\n<|file_sep|>lib/b.py\n<|fim_prefix|># Use type hints.\ndef b():\n    <|fim_suffix|>\n<|fim_middle|>',
    );
    assert.equal(built.raw, true);
    assert.ok(built.stop.includes('<|endoftext|>'));
  });

  it('raw family without a file separator: files join the comment header', () => {
    const built = buildCompletionPrompt({ kind: 'raw', family: 'codellama' }, input);
    assert.equal(built.prompt, '<PRE> # Use type hints.\n# lib/a.py\n# def a():\n#     pass\ndef b():\n     <SUF>\n <MID>');
  });
});

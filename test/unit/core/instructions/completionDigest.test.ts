import * as assert from 'node:assert/strict';
import { DEFAULT_DIGEST_MAX_CHARS, asLineComment, buildCompletionDigest } from '../../../../src/core/instructions/completionDigest';
import { resolverFor } from './helpers';

const ROOT = ['# Repository', 'Welcome to the repo, this paragraph is prose.', '', '## Style', '- Use tabs.', '- No default exports.'].join('\n');
const LEAF = [
  '# Package a',
  'Some intro prose.',
  '```ts',
  '- not a bullet, code',
  '```',
  '<!-- a comment',
  '- hidden bullet -->',
  '| table | row |',
  '## Conventions',
  '- Prefer `Result<T>` over throwing.',
  '*   Name files after    their export.',
  '## Testing',
  'Run the suite first.',
  '1. Use mocha.',
].join('\n');

describe('completion digest', () => {
  it('prefers the nearest file: its bullets under their headings, then the shallower file', async () => {
    const { resolver } = resolverFor({ 'AGENTS.md': ROOT, 'pkg/a/AGENTS.md': LEAF });
    const digest = buildCompletionDigest(await resolver.resolveForFile('pkg/a/x.ts'));
    assert.equal(
      digest,
      [
        'Conventions:',
        '- Prefer `Result<T>` over throwing.',
        '- Name files after their export.',
        'Testing:',
        '- Use mocha.',
        'Style:',
        '- Use tabs.',
        '- No default exports.',
      ].join('\n'),
    );
  });

  it('never exceeds maxChars and keeps the nearest file when room is short', async () => {
    const { resolver } = resolverFor({ 'AGENTS.md': ROOT, 'pkg/a/AGENTS.md': LEAF });
    const resolved = await resolver.resolveForFile('pkg/a/x.ts');
    for (let max = 0; max <= 200; max++) {
      const digest = buildCompletionDigest(resolved, max);
      assert.ok(digest.length <= max, `${digest.length} > ${max}`);
      assert.ok(!digest.endsWith(':'), 'never ends on a heading without its bullets');
    }
    assert.equal(buildCompletionDigest(resolved, 50), 'Conventions:\n- Prefer `Result<T>` over throwing.');
    assert.ok(!buildCompletionDigest(resolved, 60).includes('tabs'));
  });

  it('stays within the default budget for a large file', async () => {
    const big = Array.from({ length: 500 }, (_, i) => `- rule ${i}: ${'word '.repeat(60)}`).join('\n');
    const { resolver } = resolverFor({ 'AGENTS.md': big });
    const digest = buildCompletionDigest(await resolver.resolveForDirectory(''));
    assert.ok(digest.length <= DEFAULT_DIGEST_MAX_CHARS && digest.length > DEFAULT_DIGEST_MAX_CHARS / 2);
    assert.ok(digest.split('\n').every((line) => line.length <= 160));
  });

  it('falls back to the first prose lines of a file without bullets', async () => {
    const { resolver } = resolverFor({ 'AGENTS.md': '# Title\nUse two spaces.\n\nKeep functions small.' });
    assert.equal(buildCompletionDigest(await resolver.resolveForDirectory('')), 'Use two spaces.\nKeep functions small.');
  });

  it('is empty without instructions', async () => {
    const { resolver } = resolverFor({});
    assert.equal(buildCompletionDigest(await resolver.resolveForDirectory('')), '');
  });
});

describe('asLineComment', () => {
  it('uses the line comment of common languages, // as the fallback', () => {
    assert.equal(asLineComment('a\n\nb', 'typescript'), '// a\n//\n// b');
    assert.equal(asLineComment('a', 'go'), '// a');
    assert.equal(asLineComment('a', 'python'), '# a');
    assert.equal(asLineComment('a', 'shellscript'), '# a');
    assert.equal(asLineComment('a', 'yaml'), '# a');
    assert.equal(asLineComment('a', 'sql'), '-- a');
    assert.equal(asLineComment('a', 'lua'), '-- a');
    assert.equal(asLineComment('a', 'haskell'), '-- a');
    assert.equal(asLineComment('a', 'clojure'), '; a');
    assert.equal(asLineComment('a', 'some-new-language'), '// a');
  });

  it('wraps each line for block-comment-only languages and defuses closing sequences', () => {
    assert.equal(asLineComment('a */ b', 'css'), '/* a * / b */');
    assert.equal(asLineComment('a --> b', 'html'), '<!-- a - -> b -->');
  });
});

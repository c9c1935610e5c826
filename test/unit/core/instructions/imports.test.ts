import * as assert from 'node:assert/strict';
import { MAX_IMPORT_DEPTH, parseImportLine, resolveImportTarget } from '../../../../src/core/instructions/instructionImports';
import { resolverFor } from './helpers';

const withImports = { importsEnabled: true };

describe('instruction imports', () => {
  it('recognises an import line, leading whitespace allowed, and not a mention', () => {
    assert.equal(parseImportLine('@docs/style.md'), 'docs/style.md');
    assert.equal(parseImportLine('   @style.md  '), 'style.md');
    assert.equal(parseImportLine('@maintainers'), undefined);
    assert.equal(parseImportLine('see @docs/style.md'), undefined);
    assert.equal(parseImportLine('- @docs/style.md'), undefined);
  });

  it('confines targets to the folder, relative to the importing file', () => {
    assert.deepEqual(resolveImportTarget('pkg/a/AGENTS.md', '../shared.md'), { relPath: 'pkg/shared.md' });
    assert.deepEqual(resolveImportTarget('AGENTS.md', './docs/x.md'), { relPath: 'docs/x.md' });
    assert.ok('refusal' in resolveImportTarget('AGENTS.md', '../x.md'));
    assert.ok('refusal' in resolveImportTarget('pkg/AGENTS.md', '../../x.md'));
    for (const absolute of ['/etc/passwd', '~/notes.md', 'C:/x.md', 'C:\\x.md', '..\\x.md', 'file:///etc/passwd']) {
      assert.ok('refusal' in resolveImportTarget('AGENTS.md', absolute), absolute);
    }
  });

  it('is off by default: the line stays as written and nothing is read', async () => {
    const { resolver, fs } = resolverFor({ 'AGENTS.md': 'Intro\n@docs/style.md', 'docs/style.md': 'STYLE' });
    const resolved = await resolver.resolveForDirectory('');
    assert.equal(resolved.files[0]?.text, 'Intro\n@docs/style.md');
    assert.deepEqual(resolved.files[0]?.imports, []);
    assert.ok(!fs.readPaths().includes('docs/style.md'));
  });

  it('replaces a relative import with the imported text, which counts toward the importing file', async () => {
    const { resolver } = resolverFor(
      { 'AGENTS.md': 'Intro\n  @docs/style.md\nOutro', 'docs/style.md': '---\ntitle: style\n---\nUse tabs.\n' },
      withImports,
    );
    const resolved = await resolver.resolveForDirectory('');
    const [file] = resolved.files;
    assert.equal(file?.text, 'Intro\nUse tabs.\nOutro');
    assert.deepEqual(file?.imports, ['docs/style.md']);
    assert.equal(file?.bytes, 'Intro\nUse tabs.\nOutro'.length);
    assert.deepEqual(resolved.warnings, []);
  });

  it('expands nested imports relative to each importing file', async () => {
    const { resolver } = resolverFor(
      {
        'pkg/AGENTS.md': 'pkg\n@../docs/a.md',
        'docs/a.md': 'a\n@sub/b.md',
        'docs/sub/b.md': 'b',
      },
      withImports,
    );
    const resolved = await resolver.resolveForFile('pkg/x.ts');
    assert.equal(resolved.files[0]?.text, 'pkg\na\nb');
    assert.deepEqual(resolved.files[0]?.imports, ['docs/a.md', 'docs/sub/b.md']);
  });

  it(`expands ${MAX_IMPORT_DEPTH} levels and leaves the next one with a warning`, async () => {
    const tree: Record<string, string> = { 'AGENTS.md': 'root\n@l1.md' };
    for (let level = 1; level <= 6; level++) tree[`l${level}.md`] = `level ${level}\n@l${level + 1}.md`;
    const { resolver, fs } = resolverFor(tree, withImports);
    const resolved = await resolver.resolveForDirectory('');
    const text = resolved.files[0]?.text ?? '';
    for (let level = 1; level <= 5; level++) assert.ok(text.includes(`level ${level}`), `level ${level}`);
    assert.ok(!text.includes('level 6'));
    assert.ok(text.endsWith('level 5\n@l6.md'), 'the unexpanded line stays as written');
    assert.deepEqual(resolved.warnings, ['l5.md: import "@l6.md" not expanded: imports nest at most 5 deep']);
    assert.ok(!fs.readPaths().includes('l6.md'));
  });

  it('does not expand a cycle again, and warns', async () => {
    const { resolver } = resolverFor({ 'AGENTS.md': 'root\n@a.md', 'a.md': 'A\n@b.md', 'b.md': 'B\n@a.md\n@AGENTS.md' }, withImports);
    const resolved = await resolver.resolveForDirectory('');
    assert.equal(resolved.files[0]?.text, 'root\nA\nB\n@a.md\n@AGENTS.md');
    assert.deepEqual(resolved.warnings, [
      'b.md: import "@a.md" not expanded: it would form a cycle (AGENTS.md → a.md → b.md → a.md)',
      'b.md: import "@AGENTS.md" not expanded: it would form a cycle (AGENTS.md → a.md → b.md → AGENTS.md)',
    ]);
  });

  it('refuses imports outside the folder and absolute ones, with a warning, without reading them', async () => {
    const { resolver, fs } = resolverFor({ 'AGENTS.md': 'root\n@../x.md\n@/etc/passwd' }, withImports);
    const resolved = await resolver.resolveForDirectory('');
    assert.equal(resolved.files[0]?.text, 'root\n@../x.md\n@/etc/passwd');
    assert.deepEqual(resolved.warnings, [
      'AGENTS.md: import "@../x.md" refused: it points outside the workspace folder',
      'AGENTS.md: import "@/etc/passwd" refused: only paths relative to the importing file are allowed',
    ]);
    assert.deepEqual(fs.readPaths(), ['AGENTS.override.md', 'AGENTS.md']);
  });

  it('ignores import lines inside ``` and ~~~ fenced code blocks', async () => {
    const text = ['```md', '@docs/a.md', '```', '~~~~', '@docs/a.md', '~~~', 'still fenced', '~~~~', '@docs/a.md'].join('\n');
    const { resolver } = resolverFor({ 'AGENTS.md': text, 'docs/a.md': 'A' }, withImports);
    const resolved = await resolver.resolveForDirectory('');
    assert.equal(resolved.files[0]?.text, text.replace(/@docs\/a\.md$/, 'A'));
  });

  it('warns about missing and binary import targets and keeps their lines', async () => {
    const { resolver } = resolverFor({ 'AGENTS.md': '@missing.md\n@bin.md', 'bin.md': Uint8Array.from([0x61, 0, 0x62]) }, withImports);
    const resolved = await resolver.resolveForDirectory('');
    assert.equal(resolved.files[0]?.text, '@missing.md\n@bin.md');
    assert.deepEqual(resolved.warnings, [
      'AGENTS.md: import "@missing.md" not found',
      'AGENTS.md: import "@bin.md" refused: it contains NUL bytes (a binary file?)',
    ]);
  });

  it('trims imported text with the importing file’s budget share', async () => {
    const { resolver } = resolverFor({ 'AGENTS.md': 'root\n@big.md', 'big.md': 'x'.repeat(5000) }, { ...withImports, budgetBytes: 1000 });
    const resolved = await resolver.resolveForDirectory('');
    assert.deepEqual([resolved.files[0]?.bytes, resolved.files[0]?.keptBytes, resolved.files[0]?.trimmed], [5005, 1000, true]);
  });

  it('stops expanding once the text is far past the budget, so a fan-out stays bounded', async () => {
    const tree: Record<string, string> = { 'AGENTS.md': Array.from({ length: 50 }, () => '@wide.md').join('\n'), 'wide.md': 'w'.repeat(400) };
    const { resolver } = resolverFor(tree, { ...withImports, budgetBytes: 1000 });
    const resolved = await resolver.resolveForDirectory('');
    const file = resolved.files[0];
    assert.ok(file !== undefined && file.bytes < 1000 + 4096 + 1000, `expanded to ${file?.bytes} bytes`);
    assert.equal(file.keptBytes <= 1000, true);
  });
});

import * as assert from 'node:assert/strict';
import { DEFAULT_INSTRUCTION_OPTIONS } from '../../../../src/core/instructions/instructionOptions';
import { paths, resolverFor } from './helpers';

const candidates = (dir: string): string[] => ['AGENTS.override.md', 'AGENTS.md'].map((name) => (dir === '' ? name : `${dir}/${name}`));

describe('InstructionResolver cache', () => {
  const tree = { 'AGENTS.md': 'root', 'pkg/a/AGENTS.md': 'a', 'pkg/b/AGENTS.md': 'b', 'pkg/c/x.ts': '', 'pkg/d/x.ts': '' };

  it('looks each directory up once: files in the same and in sibling directories cost no re-reads', async () => {
    const { resolver, fs } = resolverFor(tree);
    await resolver.resolveForFile('pkg/a/one.ts');
    assert.deepEqual(new Set(fs.readPaths()), new Set([...candidates(''), ...candidates('pkg'), ...candidates('pkg/a')]));
    assert.equal(fs.reads.length, new Set(fs.readPaths()).size, 'no path read twice');
    fs.clearReads();

    await resolver.resolveForFile('pkg/a/two.ts');
    await resolver.resolveForDirectory('pkg/a');
    assert.deepEqual(fs.reads, []);

    await resolver.resolveForFile('pkg/b/x.ts');
    assert.deepEqual(fs.readPaths().sort(), candidates('pkg/b').sort(), 'only the new directory is read');
  });

  it('shares reads between concurrent resolves', async () => {
    const { resolver, fs } = resolverFor(tree);
    await Promise.all([resolver.resolveForFile('pkg/a/x.ts'), resolver.resolveForFile('pkg/a/y.ts'), resolver.chainKey('pkg/a/z.ts')]);
    assert.equal(fs.reads.length, new Set(fs.readPaths()).size);
  });

  it('re-reads only a changed file after invalidate(path)', async () => {
    const { resolver, fs } = resolverFor(tree);
    await resolver.resolveForFile('pkg/a/x.ts');
    fs.set('pkg/a/AGENTS.md', 'a, edited');
    fs.clearReads();
    resolver.invalidate('pkg/a/AGENTS.md');
    const resolved = await resolver.resolveForFile('pkg/a/x.ts');
    assert.deepEqual(fs.readPaths(), ['pkg/a/AGENTS.md']);
    assert.equal(resolved.files[1]?.text, 'a, edited');
  });

  it('picks up a created override and a deleted file after invalidation', async () => {
    const { resolver, fs } = resolverFor(tree);
    await resolver.resolveForFile('pkg/a/x.ts');

    fs.set('pkg/a/AGENTS.override.md', 'override');
    fs.clearReads();
    resolver.invalidate('pkg/a/AGENTS.override.md');
    assert.deepEqual(paths(await resolver.resolveForFile('pkg/a/x.ts')), ['AGENTS.md', 'pkg/a/AGENTS.override.md']);
    assert.deepEqual(fs.readPaths(), ['pkg/a/AGENTS.override.md']);

    fs.delete('pkg/a/AGENTS.override.md');
    fs.delete('pkg/a/AGENTS.md');
    resolver.invalidate('pkg/a/AGENTS.override.md');
    resolver.invalidate('pkg/a/AGENTS.md');
    assert.deepEqual(paths(await resolver.resolveForFile('pkg/a/x.ts')), ['AGENTS.md']);
  });

  it('treats invalidating a directory as invalidating everything below it, whatever the casing', async () => {
    const { resolver, fs } = resolverFor(tree);
    await resolver.resolveForFile('pkg/a/x.ts');
    await resolver.resolveForFile('pkg/b/x.ts');
    fs.clearReads();
    resolver.invalidate('PKG/A');
    await resolver.resolveForFile('pkg/a/x.ts');
    await resolver.resolveForFile('pkg/b/x.ts');
    assert.deepEqual(fs.readPaths().sort(), candidates('pkg/a').sort());

    fs.clearReads();
    resolver.invalidate('pkg/b/agents.md');
    await resolver.resolveForFile('pkg/b/x.ts');
    assert.deepEqual(fs.readPaths(), ['pkg/b/AGENTS.md']);
  });

  it('reads everything again after invalidateAll', async () => {
    const { resolver, fs } = resolverFor(tree);
    await resolver.resolveForFile('pkg/a/x.ts');
    const first = fs.readPaths().sort();
    fs.clearReads();
    resolver.invalidateAll();
    await resolver.resolveForFile('pkg/a/x.ts');
    assert.deepEqual(fs.readPaths().sort(), first);
  });

  it('re-reads a changed import target after invalidate(path)', async () => {
    const { resolver, fs } = resolverFor({ 'AGENTS.md': '@docs/style.md\n@docs/later.md' }, { importsEnabled: true });
    assert.equal((await resolver.resolveForDirectory('')).files[0]?.text, '@docs/style.md\n@docs/later.md');
    fs.set('docs/style.md', 'style v1');
    assert.ok(resolver.isInstructionPath('docs/style.md'), 'a missing import target is watched too');
    resolver.invalidate('docs/style.md');
    assert.equal((await resolver.resolveForDirectory('')).files[0]?.text, 'style v1\n@docs/later.md');

    fs.set('docs/style.md', 'style v2');
    fs.clearReads();
    resolver.invalidate('docs/style.md');
    assert.equal((await resolver.resolveForDirectory('')).files[0]?.text, 'style v2\n@docs/later.md');
    assert.deepEqual(fs.readPaths(), ['docs/style.md']);
  });

  describe('isInstructionPath', () => {
    it('matches candidate names anywhere in the folder, case-insensitively', () => {
      const { resolver } = resolverFor({});
      assert.ok(resolver.isInstructionPath('AGENTS.md'));
      assert.ok(resolver.isInstructionPath('pkg/a/AGENTS.override.md'));
      assert.ok(resolver.isInstructionPath('Pkg/agents.md'));
      assert.ok(!resolver.isInstructionPath('src/app.ts'));
      assert.ok(!resolver.isInstructionPath('MY_AGENTS.md'));
      assert.ok(!resolver.isInstructionPath('pkg/CLAUDE.md'), 'fallbacks only when configured');
      assert.ok(!resolver.isInstructionPath('../AGENTS.md'));
    });

    it('matches configured fallback names, slashed ones by suffix', () => {
      const { resolver } = resolverFor({}, { fallbackFileNames: ['CLAUDE.md', '.github/copilot-instructions.md'] });
      assert.ok(resolver.isInstructionPath('pkg/CLAUDE.md'));
      assert.ok(resolver.isInstructionPath('.github/copilot-instructions.md'));
      assert.ok(resolver.isInstructionPath('pkg/.github/copilot-instructions.md'));
      assert.ok(!resolver.isInstructionPath('pkg/copilot-instructions.md'));
    });

    it('matches a directory whose lookups are cached (deleted or renamed as a whole)', async () => {
      const { resolver } = resolverFor(tree);
      assert.ok(!resolver.isInstructionPath('pkg/a'));
      await resolver.resolveForFile('pkg/a/x.ts');
      assert.ok(resolver.isInstructionPath('pkg/a'));
      assert.ok(resolver.isInstructionPath('pkg'));
      assert.ok(!resolver.isInstructionPath('pkg/b'));
    });
  });

  describe('chainKey', () => {
    const chains = {
      'AGENTS.md': 'root',
      'pkg/a/AGENTS.md': 'a',
      'pkg/b/AGENTS.md': 'b',
    };

    it('differs between packages with different chains and is equal for siblings with the same chain', async () => {
      const { resolver } = resolverFor(chains);
      const a = await resolver.chainKey('pkg/a/x.ts');
      assert.equal(a, 'AGENTS.md\npkg/a/AGENTS.md');
      assert.notEqual(a, await resolver.chainKey('pkg/b/x.ts'));
      assert.equal(a, await resolver.chainKey('pkg/a/y.ts'));
      assert.equal(a, await resolver.chainKey('pkg/a/deeper/z.ts'), 'a subdirectory without its own file shares the chain');
      assert.equal(await resolver.chainKey('pkg/c/x.ts'), await resolver.chainKey('pkg/d/x.ts'));
      assert.equal(await resolver.chainKey('pkg/c/x.ts'), 'AGENTS.md');
      assert.equal(await resolver.chainKey(''), 'AGENTS.md');
    });

    it('costs no reads once the directories are cached, and follows invalidation', async () => {
      const { resolver, fs } = resolverFor(chains);
      await resolver.resolveForFile('pkg/c/x.ts');
      fs.clearReads();
      const before = await resolver.chainKey('pkg/c/x.ts');
      assert.deepEqual(fs.reads, []);
      fs.set('pkg/c/AGENTS.md', 'c');
      resolver.invalidate('pkg/c/AGENTS.md');
      assert.notEqual(await resolver.chainKey('pkg/c/x.ts'), before);
    });
  });

  describe('setOptions', () => {
    it('looks directories up again when the fallback names change', async () => {
      const { resolver } = resolverFor({ 'CLAUDE.md': 'claude' });
      assert.deepEqual(paths(await resolver.resolveForDirectory('')), []);
      resolver.setOptions({ ...DEFAULT_INSTRUCTION_OPTIONS, fallbackFileNames: ['CLAUDE.md'] });
      assert.deepEqual(paths(await resolver.resolveForDirectory('')), ['CLAUDE.md']);
      resolver.setOptions(DEFAULT_INSTRUCTION_OPTIONS);
      assert.deepEqual(paths(await resolver.resolveForDirectory('')), []);
    });

    it('keeps the cache when nothing that affects reading changed, and reads with the new limit when the budget did', async () => {
      const { resolver, fs } = resolverFor({ 'AGENTS.md': 'x'.repeat(100) }, { budgetBytes: 10 });
      assert.equal((await resolver.resolveForDirectory('')).keptBytes, 10);
      fs.clearReads();
      resolver.setOptions({ ...DEFAULT_INSTRUCTION_OPTIONS, budgetBytes: 10, importsEnabled: true });
      await resolver.resolveForDirectory('');
      assert.equal(fs.reads.length, 0);
      resolver.setOptions({ ...DEFAULT_INSTRUCTION_OPTIONS, budgetBytes: 50 });
      assert.equal((await resolver.resolveForDirectory('')).keptBytes, 50);
      assert.ok(fs.reads.every((read) => read.maxBytes === 50 + 4096));
    });
  });
});

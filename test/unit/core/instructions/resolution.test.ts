import * as assert from 'node:assert/strict';
import { INSTRUCTIONS_PREAMBLE } from '../../../../src/core/instructions/assembleInstructionText';
import { DEFAULT_INSTRUCTION_OPTIONS, PRIMARY_INSTRUCTION_FILE_NAMES } from '../../../../src/core/instructions/instructionOptions';
import { InstructionResolver } from '../../../../src/core/instructions/instructionResolver';
import { blockPaths, paths, resolverFor } from './helpers';
import { MemoryFs } from './memoryFs';

describe('InstructionResolver: which files, in which order', () => {
  it('has the documented defaults', () => {
    assert.deepEqual(DEFAULT_INSTRUCTION_OPTIONS, { fallbackFileNames: [], budgetBytes: 32768, importsEnabled: false });
    assert.deepEqual(PRIMARY_INSTRUCTION_FILE_NAMES, ['AGENTS.override.md', 'AGENTS.md']);
  });

  it('resolves a root AGENTS.md alone, under the preamble and a delimiter naming its path', async () => {
    const { resolver } = resolverFor({ 'AGENTS.md': '# Rules\nUse tabs.\n', 'src/app.ts': '' });
    const resolved = await resolver.resolveForFile('src/app.ts');
    assert.deepEqual(paths(resolved), ['AGENTS.md']);
    assert.equal(resolved.files[0]?.dir, '');
    assert.equal(resolved.text, `${INSTRUCTIONS_PREAMBLE}\n\n<instructions path="AGENTS.md">\n# Rules\nUse tabs.\n</instructions>`);
    assert.match(resolved.text, /deeper directory\) overrides an earlier one/);
    assert.match(resolved.text, /user’s own messages override them all/);
    assert.deepEqual(resolved.warnings, []);
  });

  it('returns no text and no files when there are no instruction files', async () => {
    const { resolver } = resolverFor({ 'README.md': 'hello' });
    const resolved = await resolver.resolveForFile('src/app.ts');
    assert.deepEqual(resolved, { files: [], text: '', totalBytes: 0, keptBytes: 0, trimmedBytes: 0, tokens: 0, warnings: [] });
  });

  it('concatenates two and three levels root → leaf, nearest last', async () => {
    const { resolver } = resolverFor({
      'AGENTS.md': 'root rules',
      'pkg/AGENTS.md': 'package rules',
      'pkg/a/AGENTS.md': 'leaf rules',
      'other/AGENTS.md': 'not on the path',
    });
    const two = await resolver.resolveForFile('pkg/index.ts');
    assert.deepEqual(paths(two), ['AGENTS.md', 'pkg/AGENTS.md']);
    assert.deepEqual(blockPaths(two.text), ['AGENTS.md', 'pkg/AGENTS.md']);

    const three = await resolver.resolveForFile('pkg/a/deep/file.ts');
    assert.deepEqual(paths(three), ['AGENTS.md', 'pkg/AGENTS.md', 'pkg/a/AGENTS.md']);
    assert.deepEqual(three.files.map((file) => file.dir), ['', 'pkg', 'pkg/a']);
    assert.deepEqual(blockPaths(three.text), ['AGENTS.md', 'pkg/AGENTS.md', 'pkg/a/AGENTS.md']);
    const order = ['root rules', 'package rules', 'leaf rules'].map((text) => three.text.indexOf(text));
    assert.ok(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] ?? 0))), `order ${order.join(',')}`);
    assert.ok(three.text.startsWith(INSTRUCTIONS_PREAMBLE));
  });

  it('skips directories without a file and ignores sibling packages', async () => {
    const { resolver } = resolverFor({ 'AGENTS.md': 'root', 'pkg/a/AGENTS.md': 'a', 'pkg/b/AGENTS.md': 'b' });
    assert.deepEqual(paths(await resolver.resolveForFile('pkg/a/x.ts')), ['AGENTS.md', 'pkg/a/AGENTS.md']);
    assert.deepEqual(paths(await resolver.resolveForFile('pkg/b/x.ts')), ['AGENTS.md', 'pkg/b/AGENTS.md']);
  });

  it('takes AGENTS.override.md over AGENTS.md in the same directory, one file per directory', async () => {
    const { resolver } = resolverFor({
      'AGENTS.md': 'root',
      'pkg/AGENTS.override.md': 'override wins',
      'pkg/AGENTS.md': 'shadowed',
    });
    const resolved = await resolver.resolveForFile('pkg/x.ts');
    assert.deepEqual(paths(resolved), ['AGENTS.md', 'pkg/AGENTS.override.md']);
    assert.ok(!resolved.text.includes('shadowed'));
  });

  it('reads fallback names only when configured, in their order, after the primary names', async () => {
    const tree = {
      'CLAUDE.md': 'claude root',
      'pkg/GEMINI.md': 'gemini pkg',
      'pkg/.github/copilot-instructions.md': 'copilot pkg',
      'lib/AGENTS.md': 'agents lib',
      'lib/CLAUDE.md': 'claude lib, shadowed',
      'svc/.github/copilot-instructions.md': 'copilot svc',
    };
    const off = resolverFor(tree).resolver;
    assert.deepEqual(paths(await off.resolveForFile('pkg/x.ts')), []);

    const on = resolverFor(tree, { fallbackFileNames: ['CLAUDE.md', 'GEMINI.md', '.github/copilot-instructions.md'] }).resolver;
    assert.deepEqual(paths(await on.resolveForFile('pkg/x.ts')), ['CLAUDE.md', 'pkg/GEMINI.md']);
    assert.deepEqual(paths(await on.resolveForFile('lib/x.ts')), ['CLAUDE.md', 'lib/AGENTS.md']);
    const svc = await on.resolveForFile('svc/x.ts');
    assert.deepEqual(paths(svc), ['CLAUDE.md', 'svc/.github/copilot-instructions.md']);
    assert.equal(svc.files[1]?.dir, 'svc', 'a slashed fallback belongs to the directory it was looked up from');
  });

  it('ignores unusable fallback names from settings', async () => {
    const { resolver, fs } = resolverFor(
      { 'CLAUDE.md': 'claude', '../secret.md': 'outside' },
      { fallbackFileNames: ['', '  ', '../secret.md', '/etc/passwd', 'AGENTS.md', 'CLAUDE.md', './CLAUDE.md'] },
    );
    assert.deepEqual(paths(await resolver.resolveForDirectory('')), ['CLAUDE.md']);
    assert.deepEqual(fs.readPaths(), ['AGENTS.override.md', 'AGENTS.md', 'CLAUDE.md']);
  });

  it('keeps each workspace folder to itself in a multi-root workspace', async () => {
    const web = new InstructionResolver(new MemoryFs({ 'AGENTS.md': 'web rules', 'src/AGENTS.md': 'web src' }), DEFAULT_INSTRUCTION_OPTIONS);
    const api = new InstructionResolver(new MemoryFs({ 'AGENTS.md': 'api rules' }), DEFAULT_INSTRUCTION_OPTIONS);
    const fromWeb = await web.resolveForFile('src/x.ts');
    const fromApi = await api.resolveForFile('src/x.ts');
    assert.deepEqual(paths(fromWeb), ['AGENTS.md', 'src/AGENTS.md']);
    assert.deepEqual(paths(fromApi), ['AGENTS.md']);
    assert.ok(!fromApi.text.includes('web'));
    assert.ok(!fromWeb.text.includes('api'));
  });

  it('refuses paths that climb out of the folder', async () => {
    const { resolver, fs } = resolverFor({ 'AGENTS.md': 'root' });
    const resolved = await resolver.resolveForFile('../other/x.ts');
    assert.deepEqual(resolved.files, []);
    assert.equal(resolved.text, '');
    assert.match(resolved.warnings[0] ?? '', /outside the workspace folder/);
    assert.deepEqual(fs.reads, []);
  });

  it('resolves chat without an active file for the folder root: root files only', async () => {
    const { resolver } = resolverFor({ 'AGENTS.md': 'root', 'pkg/AGENTS.md': 'pkg' });
    assert.deepEqual(paths(await resolver.resolveForDirectory('')), ['AGENTS.md']);
    assert.deepEqual(paths(await resolver.resolveForFile('')), ['AGENTS.md']);
    assert.deepEqual(paths(await resolver.resolveForDirectory('pkg')), ['AGENTS.md', 'pkg/AGENTS.md']);
    assert.deepEqual(paths(await resolver.resolveForDirectory('./pkg/')), ['AGENTS.md', 'pkg/AGENTS.md']);
  });

  it('estimates tokens per file and for the whole block', async () => {
    const { resolver } = resolverFor({ 'AGENTS.md': 'x'.repeat(10) });
    const resolved = await resolver.resolveForDirectory('');
    assert.equal(resolved.files[0]?.tokens, 3);
    assert.equal(resolved.tokens, Math.ceil(resolved.text.length / 4));
  });
});

import * as assert from 'node:assert/strict';
import { applyInstructionBudget } from '../../../../src/core/instructions/instructionBudget';
import type { InstructionFs } from '../../../../src/core/instructions/instructionFs';
import { DEFAULT_INSTRUCTION_OPTIONS, INSTRUCTION_READ_SLACK_BYTES } from '../../../../src/core/instructions/instructionOptions';
import { InstructionResolver } from '../../../../src/core/instructions/instructionResolver';
import { describeTrim } from '../../../../src/core/instructions/resolvedInstructions';
import { headWithinBytes, utf8ByteLength } from '../../../../src/core/instructions/utf8Text';
import { blockPaths, resolverFor } from './helpers';

/** `count` lines of 49 characters: 50 bytes a line with its newline, 50·count − 1 bytes in all. */
const lines = (label: string, count: number): string =>
  Array.from({ length: count }, (_, i) => `${label} line ${String(i).padStart(2, '0')}`.padEnd(49, '.')).join('\n');

describe('instruction budget', () => {
  describe('headWithinBytes', () => {
    it('never splits a multi-byte character', () => {
      assert.equal(headWithinBytes('é'.repeat(10), 5), 'éé');
      assert.equal(headWithinBytes('a😀b', 4), 'a');
      assert.equal(headWithinBytes('a😀b', 5), 'a😀');
      assert.equal(headWithinBytes('abc', 0), '');
    });

    it('prefers the last line break when it keeps at least half the allowance', () => {
      assert.equal(headWithinBytes('first line\nsecond line', 15), 'first line');
      assert.equal(headWithinBytes(`a\n${'b'.repeat(50)}`, 20), `a\n${'b'.repeat(18)}`, 'a break near the start would waste the budget');
    });

    it('counts UTF-8 bytes, not UTF-16 units', () => {
      assert.equal(utf8ByteLength('aé€😀'), 1 + 2 + 3 + 4);
    });
  });

  describe('applyInstructionBudget', () => {
    it('keeps everything that fits', () => {
      const outcome = applyInstructionBudget([{ text: 'ab', bytes: 2 }, { text: 'cd', bytes: 2 }], 4);
      assert.deepEqual(outcome, [{ text: 'ab', keptBytes: 2, trimmed: false }, { text: 'cd', keptBytes: 2, trimmed: false }]);
    });

    it('never keeps a shallower file while a deeper one is cut', () => {
      const outcome = applyInstructionBudget([{ text: 'r', bytes: 1 }, { text: 'leaf\nlonger', bytes: 11 }], 8);
      assert.deepEqual(outcome, [{ text: '', keptBytes: 0, trimmed: true }, { text: 'leaf', keptBytes: 4, trimmed: true }]);
    });
  });

  describe('through the resolver', () => {
    const tree = { 'AGENTS.md': lines('root', 20), 'pkg/AGENTS.md': lines('pkg', 20), 'pkg/a/AGENTS.md': lines('leaf', 20) };

    it('reports bytes per file and in total when nothing is trimmed', async () => {
      const { resolver } = resolverFor(tree);
      const resolved = await resolver.resolveForFile('pkg/a/x.ts');
      assert.deepEqual(resolved.files.map((file) => [file.bytes, file.keptBytes, file.trimmed]), [[999, 999, false], [999, 999, false], [999, 999, false]]);
      assert.deepEqual([resolved.totalBytes, resolved.keptBytes, resolved.trimmedBytes], [2997, 2997, 0]);
      assert.equal(describeTrim(resolved), undefined);
    });

    it('shortens the root file first, on a line boundary', async () => {
      const { resolver } = resolverFor(tree, { budgetBytes: 999 * 2 + 500 });
      const resolved = await resolver.resolveForFile('pkg/a/x.ts');
      const [root, pkg, leaf] = resolved.files;
      assert.deepEqual([root?.bytes, root?.keptBytes, root?.trimmed], [999, 499, true]);
      assert.equal(root?.text, lines('root', 10));
      assert.deepEqual([pkg?.keptBytes, pkg?.trimmed, leaf?.keptBytes, leaf?.trimmed], [999, false, 999, false]);
      assert.deepEqual([resolved.totalBytes, resolved.keptBytes, resolved.trimmedBytes], [2997, 2497, 500]);
      assert.match(resolved.text, /<instructions path="AGENTS.md" truncated="true">/);
      assert.equal(describeTrim(resolved), 'trimmed 500 B from 1 file');
    });

    it('drops the root file and shortens the middle one when the budget is tighter', async () => {
      const { resolver } = resolverFor(tree, { budgetBytes: 999 + 300 });
      const resolved = await resolver.resolveForFile('pkg/a/x.ts');
      assert.deepEqual(resolved.files.map((file) => [file.keptBytes, file.trimmed]), [[0, true], [299, true], [999, false]]);
      assert.deepEqual(blockPaths(resolved.text), ['pkg/AGENTS.md', 'pkg/a/AGENTS.md'], 'a dropped file has no block');
      assert.deepEqual([resolved.keptBytes, resolved.trimmedBytes], [1298, 999 + 700]);
      assert.equal(describeTrim(resolved), 'trimmed 1.7 KiB from 2 files');
    });

    it('keeps the head of the nearest file alone when it exceeds the budget, cut on a line and UTF-8 boundary', async () => {
      const leaf = Array.from({ length: 200 }, (_, i) => `- règle n°${i} ✓ ${'ü'.repeat(20)}`).join('\n');
      const { resolver } = resolverFor({ 'AGENTS.md': 'root', 'pkg/AGENTS.md': leaf }, { budgetBytes: 1000 });
      const resolved = await resolver.resolveForFile('pkg/x.ts');
      const [root, nearest] = resolved.files;
      assert.deepEqual([root?.keptBytes, root?.trimmed], [0, true]);
      assert.ok(nearest !== undefined && nearest.trimmed);
      assert.equal(nearest.bytes, utf8ByteLength(leaf));
      assert.ok(nearest.keptBytes <= 1000 && nearest.keptBytes >= 500, `kept ${nearest.keptBytes}`);
      assert.equal(nearest.keptBytes, utf8ByteLength(nearest.text));
      assert.ok(leaf.startsWith(`${nearest.text}\n`), 'the kept head ends on a whole line');
      assert.ok(!nearest.text.includes('\uFFFD'));
      assert.match(resolved.text, /<instructions path="pkg\/AGENTS.md" truncated="true">/);
    });

    it('cuts a single long line on a code-point boundary', async () => {
      const { resolver } = resolverFor({ 'AGENTS.md': 'é'.repeat(1000) }, { budgetBytes: 101 });
      const resolved = await resolver.resolveForDirectory('');
      assert.equal(resolved.files[0]?.text, 'é'.repeat(50));
      assert.deepEqual([resolved.files[0]?.bytes, resolved.files[0]?.keptBytes, resolved.trimmedBytes], [2000, 100, 1900]);
    });

    it('keeps nothing with a zero budget', async () => {
      const { resolver } = resolverFor({ 'AGENTS.md': 'root' }, { budgetBytes: 0 });
      const resolved = await resolver.resolveForDirectory('');
      assert.equal(resolved.text, '');
      assert.deepEqual([resolved.totalBytes, resolved.keptBytes, resolved.trimmedBytes], [4, 0, 4]);
    });
  });

  describe('huge files', () => {
    const fiveMegabytes = 5 * 1024 * 1024;
    const huge = (): Uint8Array => {
      const bytes = new Uint8Array(fiveMegabytes).fill(0x61); // 'a'
      for (let i = 79; i < bytes.length; i += 80) bytes[i] = 0x0a;
      return bytes;
    };

    it('resolves a 5 MB AGENTS.md from a bounded prefix', async () => {
      const { resolver, fs } = resolverFor({ 'AGENTS.md': huge(), 'pkg/AGENTS.md': 'pkg rule' });
      const resolved = await resolver.resolveForFile('pkg/x.ts');
      const limit = DEFAULT_INSTRUCTION_OPTIONS.budgetBytes + INSTRUCTION_READ_SLACK_BYTES;
      assert.ok(fs.reads.length > 0);
      for (const read of fs.reads) assert.ok(read.maxBytes <= limit, `${read.path} asked for ${read.maxBytes} bytes`);
      const root = resolved.files[0];
      assert.equal(root?.bytes, fiveMegabytes, 'the unread rest still counts');
      assert.ok(root.trimmed && root.keptBytes <= DEFAULT_INSTRUCTION_OPTIONS.budgetBytes - 'pkg rule'.length);
      assert.equal(resolved.files[1]?.text, 'pkg rule');
      assert.ok(resolved.text.length < 40_000);
    });

    it('bounds the work even when the adapter returns more than it was asked for', async () => {
      const content = huge();
      const asked: number[] = [];
      const greedy: InstructionFs = {
        read: (relPath, maxBytes) => {
          asked.push(maxBytes);
          return Promise.resolve(relPath === 'AGENTS.md' ? { bytes: content, size: content.length } : undefined);
        },
      };
      const resolver = new InstructionResolver(greedy, { ...DEFAULT_INSTRUCTION_OPTIONS, budgetBytes: 1024 });
      const resolved = await resolver.resolveForDirectory('');
      assert.ok(asked.every((maxBytes) => maxBytes === 1024 + INSTRUCTION_READ_SLACK_BYTES));
      assert.equal(resolved.files[0]?.bytes, fiveMegabytes - 1, 'the prefix ends on a line break, which is trimmed');
      assert.ok((resolved.files[0]?.keptBytes ?? Infinity) <= 1024);
    });
  });
});

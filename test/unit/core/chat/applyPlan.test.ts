import * as assert from 'node:assert/strict';
import { planApply } from '../../../../src/core/chat/applyPlan';

const file = [
  'import { a } from "./a";',
  '',
  'export function total(items: number[]): number {',
  '  let sum = 0;',
  '  for (const i of items) sum += i;',
  '  return sum;',
  '}',
  '',
  'export const two = 2;',
  '',
].join('\n');

function apply(text: string, plan: { start: number; end: number; newText: string }): string {
  return text.slice(0, plan.start) + plan.newText + text.slice(plan.end);
}

describe('planApply', () => {
  it('replaces the selection when there is one', () => {
    const start = file.indexOf('export const two');
    const plan = planApply(file, { start, end: start + 'export const two = 2;'.length }, 'export const two = 3;\n');
    assert.equal(plan.how, 'selection');
    assert.ok(apply(file, plan).includes('export const two = 3;\n'));
  });

  it('replaces the function whose first and last lines the block shares', () => {
    const block = 'export function total(items: number[]): number {\n  return items.reduce((s, i) => s + i, 0);\n}\n';
    const plan = planApply(file, undefined, block);
    assert.equal(plan.how, 'matched');
    const result = apply(file, plan);
    assert.ok(result.includes('items.reduce'));
    assert.ok(!result.includes('let sum'));
    assert.ok(result.startsWith('import { a } from "./a";') && result.endsWith('export const two = 2;\n'));
  });

  it('replaces the whole file when nothing anchors the block, keeping the final newline', () => {
    const plan = planApply(file, undefined, 'console.log(1);');
    assert.equal(plan.how, 'file');
    assert.equal(apply(file, plan), 'console.log(1);\n');
  });

  it('does not guess when the first line occurs twice', () => {
    const twice = `${file}\nexport function total(items: number[]): number {\n  return 0;\n}\n`;
    assert.equal(planApply(twice, undefined, 'export function total(items: number[]): number {\n  return 1;\n}').how, 'file');
  });
});

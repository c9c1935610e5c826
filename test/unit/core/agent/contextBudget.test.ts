import * as assert from 'node:assert/strict';
import { fitContext, messageTokens, promptBudget } from '../../../../src/core/agent/contextBudget';
import type { ContextEntry } from '../../../../src/core/agent/contextBudget';

describe('agent: context budget', () => {
  const limits = { contextTokens: 4096, charsPerToken: 3.5, toolSchemaChars: 2000 };
  const tool = (group: number, chars: number, label: string): ContextEntry => ({ group, label, message: { role: 'tool', content: `${label}:${'y'.repeat(chars)}`, tool_name: 'read_file' } });
  const turn = (group: number): ContextEntry => ({ group, message: { role: 'assistant', content: '', tool_calls: [{ function: { name: 'read_file', arguments: { path: `f${group}` } } }] } });
  const head: ContextEntry[] = [{ group: 0, message: { role: 'system', content: 'rules' } }, { group: 0, message: { role: 'user', content: 'THE TASK' } }];
  const tokens = (entries: readonly ContextEntry[]): number => entries.reduce((n, e) => n + messageTokens(e.message, 3.5), 0);

  it('leaves a run that fits alone', () => {
    const entries = [...head, turn(1), tool(1, 500, 'a')];
    const fitted = fitContext(entries, limits);
    assert.deepEqual(fitted.entries, entries);
    assert.deepEqual(fitted.notes, []);
  });
  it('shortens older results oldest first, then drops old steps, with a note for each and never the task', () => {
    const entries = [...head, turn(1), tool(1, 4000, 'first'), turn(2), tool(2, 4000, 'second'), turn(3), tool(3, 4000, 'third'), turn(4), tool(4, 2000, 'latest')];
    const fitted = fitContext(entries, limits);
    assert.ok(fitted.fits);
    assert.ok(tokens(fitted.entries) <= promptBudget(limits));
    assert.match(fitted.notes[0] ?? '', /^Shortened an older result \(first\)/);
    assert.equal(fitted.entries[1]?.message.content, 'THE TASK');
    assert.ok(fitted.entries.some((e) => e.message.content.startsWith('latest:y')), 'the latest result is whole');
    const shortened = fitted.entries.find((e) => e.label === 'first');
    if (shortened) assert.match(shortened.message.content, /characters left out here to fit the context window/);
  });
  it('drops whole steps and names them in one summary line when shortening is not enough', () => {
    const entries = [...head];
    for (let g = 1; g <= 30; g++) entries.push(turn(g), tool(g, 900, `step${g}`));
    const fitted = fitContext(entries, limits);
    assert.ok(fitted.fits);
    assert.ok(fitted.notes.some((n) => n.startsWith('Dropped an older step (step1)')));
    const summary = fitted.entries.find((e) => e.message.content.startsWith('[Hearth] Earlier steps were removed'));
    assert.ok(summary && /step1/.test(summary.message.content));
    // No orphan: every tool result still follows the assistant turn that asked for it.
    for (const [i, e] of fitted.entries.entries()) if (e.message.role === 'tool') assert.ok(fitted.entries.slice(0, i).some((p) => p.group === e.group && p.message.role === 'assistant'));
  });
  it('says plainly when even the task and the latest step cannot fit', () => {
    const fitted = fitContext([...head.slice(0, 1), { group: 0, message: { role: 'user', content: 'x'.repeat(40_000) } }], limits);
    assert.equal(fitted.fits, false);
  });
});

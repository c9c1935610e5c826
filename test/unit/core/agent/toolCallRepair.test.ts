import * as assert from 'node:assert/strict';
import type { AgentModelServer } from '../../../../src/core/agent/agentTypes';
import { resolveTurnCalls } from '../../../../src/core/agent/callResolution';
import { streamModelTurn } from '../../../../src/core/agent/modelTurn';
import type { ToolStreamEvent } from '../../../../src/core/engine/engineTypes';
import { doneEvent } from './agentHarness';
import { CORPUS } from './toolCallCorpus';

function serverOf(chunks: readonly ToolStreamEvent[]): AgentModelServer {
  return {
    async *chatWithTools() {
      await Promise.resolve();
      for (const chunk of chunks) yield chunk;
      yield doneEvent(100, 20);
    },
  };
}

async function resolve(chunks: readonly ToolStreamEvent[], repair = true) {
  const turn = await streamModelTurn(serverOf(chunks), { model: 'qwen2.5-coder:7b', messages: [], tools: [] }, 1, () => undefined, new AbortController().signal);
  return { turn, found: resolveTurnCalls(turn, { repair }) };
}

describe('agent: tool-call repair corpus', () => {
  it('has at least 30 cases across the four model styles', () => {
    assert.ok(CORPUS.length >= 30, `${CORPUS.length} cases`);
    for (const style of ['qwen2.5-coder', 'llama3.1', 'qwen3', 'gpt-oss'] as const) assert.ok(CORPUS.some((c) => c.style === style), style);
  });

  for (const c of CORPUS) {
    it(`${c.style}: ${c.name}`, async () => {
      const { found } = await resolve(c.chunks);
      const ok = found.calls.flatMap((r) => (r.ok ? [{ tool: r.call.tool, args: r.args }] : []));
      assert.deepEqual(ok, c.expect);
      const errors = [...found.calls.flatMap((r) => (r.ok ? [] : [r.error])), ...found.malformed];
      for (const want of c.errors ?? []) assert.ok(errors.some((e) => e.includes(want)), `expected an error with "${want}", got ${JSON.stringify(errors)}`);
      if (c.expect.length > 0 && !c.errors) assert.deepEqual(errors, [], 'no errors beside the repaired calls');
      if (c.expect.length === 0 && !c.errors) assert.equal(found.calls.length + found.malformed.length, 0, 'an answer is not a call');
      const repairs = found.calls.flatMap((r) => (r.ok ? r.repairs : [])).join('; ');
      for (const want of c.repairs ?? []) assert.ok(repairs.includes(want), `expected a repair "${want}" in "${repairs}"`);
    });
  }

  it('keeps thinking apart from the answer, also from <think> tags in the text', async () => {
    const { turn } = await resolve([{ kind: 'thinking', text: 'native reasoning' }, { kind: 'text', text: 'Done.' }]);
    assert.equal(turn.thinking, 'native reasoning');
    assert.equal(turn.text, 'Done.');
    const tagged = await resolve([{ kind: 'text', text: '<thi' }, { kind: 'text', text: 'nk>plan it</think>All set.' }]);
    assert.equal(tagged.turn.thinking, 'plan it');
    assert.equal(tagged.turn.text, 'All set.');
  });

  it('without repair only exact native calls count; text calls stay an answer', async () => {
    const bare = await resolve([{ kind: 'text', text: '{"name": "read_file", "arguments": {"path": "a.ts"}}' }], false);
    assert.equal(bare.found.calls.length, 0);
    const alias = await resolve([{ kind: 'toolCalls', calls: [{ function: { name: 'read_file', arguments: { filePath: 'a.ts' } } }] }], false);
    assert.equal(alias.found.calls[0]?.ok, false);
    const renamed = await resolve([{ kind: 'toolCalls', calls: [{ function: { name: 'ReadFile', arguments: { path: 'a.ts' } } }] }], false);
    assert.equal(renamed.found.calls[0]?.ok, false);
  });

  it('takes native calls over a call-like example in the same reply', async () => {
    const { found } = await resolve([{ kind: 'text', text: 'e.g. {"name": "list_dir", "arguments": {"path": "x"}}' }, { kind: 'toolCalls', calls: [{ function: { name: 'read_file', arguments: { path: 'a.ts' } } }] }]);
    assert.deepEqual(found.calls.map((c) => (c.ok ? c.call.tool : c.error)), ['read_file']);
  });

  it('refuses an ambiguous rename: two unknown arguments for one missing', async () => {
    const { found } = await resolve([{ kind: 'toolCalls', calls: [{ function: { name: 'read_file', arguments: { where: 'a.ts', which: 'b.ts' } } }] }]);
    const first = found.calls[0];
    assert.ok(first && !first.ok);
    assert.match(first.error, /read_file needs "path" \(unknown: "where", "which"\)/);
  });
});

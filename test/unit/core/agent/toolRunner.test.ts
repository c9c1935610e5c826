import * as assert from 'node:assert/strict';
import { DEFAULT_TOOL_LIMITS, runTool } from '../../../../src/core/agent/toolRunner';
import type { ToolCall } from '../../../../src/core/agent/toolArguments';
import { MemoryExecutor } from '../../../fakes/memoryExecutor';

const FILES = { 'three.txt': 'one\ntwo\nthree\n', 'crlf.txt': 'a\r\nb\r\n', 'empty.txt': '', 'no-eol.txt': 'x\ny' };

async function read(path: string, startLine?: number, endLine?: number): Promise<{ ok: boolean; text: string }> {
  const call: ToolCall = { tool: 'read_file', path, ...(startLine !== undefined ? { startLine } : {}), ...(endLine !== undefined ? { endLine } : {}) };
  return runTool(call, undefined, new MemoryExecutor(FILES), DEFAULT_TOOL_LIMITS, new AbortController().signal);
}

describe('agent: reading files for the model', () => {
  it('counts the lines a file has: a final line break does not start another', async () => {
    assert.deepEqual(await read('three.txt'), { ok: true, text: 'three.txt (3 lines):\none\ntwo\nthree' });
    assert.deepEqual(await read('crlf.txt'), { ok: true, text: 'crlf.txt (2 lines):\na\nb' });
    assert.deepEqual(await read('no-eol.txt'), { ok: true, text: 'no-eol.txt (2 lines):\nx\ny' });
  });

  it('says a file is empty rather than showing one blank line', async () => {
    assert.deepEqual(await read('empty.txt'), { ok: true, text: 'empty.txt is empty.' });
  });

  it('reads a range, and an end past the last line to the end', async () => {
    assert.deepEqual(await read('three.txt', 2, 2), { ok: true, text: 'three.txt (lines 2–2 of 3):\ntwo' });
    assert.deepEqual(await read('three.txt', 2, 99), { ok: true, text: 'three.txt (lines 2–3 of 3):\ntwo\nthree' });
  });

  it('tells the model a start past the end is past the end, instead of showing the last line as if asked for', async () => {
    const past = await read('three.txt', 10);
    assert.equal(past.ok, false);
    assert.equal(past.text, 'three.txt has 3 lines; start_line 10 is past its end.');
  });

  it('tells the model a missing file does not exist, and how to find it', async () => {
    assert.deepEqual(await read('nope.txt'), { ok: false, text: 'nope.txt does not exist. Use list_dir or search to find the right path.' });
  });
});

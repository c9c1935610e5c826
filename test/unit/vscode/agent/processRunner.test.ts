import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ToolFailure } from '../../../../src/core/agent/agentTypes';
import { toCommandSpec } from '../../../../src/core/agent/commandLine';
import { CappedOutput, runProcess } from '../../../../src/vscode/agent/processRunner';

const NODE = JSON.stringify(process.execPath).slice(1, -1);
const limits = { timeoutMs: 20_000, maxOutputChars: 10_000 };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(pred: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

// A parent that starts a grandchild, writes both pids, then waits forever: the tree a test runner or a watcher makes.
const TREE_SCRIPT = `
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
fs.writeFileSync(process.argv[1], process.pid + ' ' + child.pid);
setInterval(() => {}, 1000);
`;

describe('runProcess (the agent’s command runner, on real processes)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hearth-run-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs argv without a shell: shell syntax inside an argument stays text', async () => {
    const spec = toCommandSpec(`${NODE} -e "console.log(process.argv[1])" '$HOME; echo pwned'`);
    assert.equal(spec.kind, 'argv');
    const result = await runProcess(spec, dir, limits, new AbortController().signal);
    assert.equal(result.exitCode, 0);
    assert.equal(result.output.trim(), '$HOME; echo pwned');
  });

  it('runs in the workspace folder and reports the exit code with stdout and stderr', async () => {
    const result = await runProcess(toCommandSpec(`${NODE} -e "console.log(process.cwd()); console.error('bad'); process.exit(3)"`), dir, limits, new AbortController().signal);
    assert.equal(result.exitCode, 3);
    assert.match(result.output, new RegExp(path.basename(dir)));
    assert.match(result.output, /bad/);
    assert.equal(result.timedOut, false);
  });

  it('runs a shell line exactly as approved through /bin/sh', async function () {
    if (process.platform === 'win32') this.skip();
    const spec = toCommandSpec('echo one && echo two | tr a-z A-Z');
    assert.equal(spec.kind, 'shell');
    const result = await runProcess(spec, dir, limits, new AbortController().signal);
    assert.equal(result.output, 'one\nTWO\n');
  });

  it('caps the output, keeping its head and tail', async () => {
    const result = await runProcess(toCommandSpec(`${NODE} -e "console.log('START' + 'x'.repeat(50000) + 'END')"`), dir, { ...limits, maxOutputChars: 1_000 }, new AbortController().signal);
    assert.equal(result.outputTruncated, true);
    assert.ok(result.output.startsWith('START'));
    assert.match(result.output, /END\n$/);
    assert.ok(result.output.length < 1_100, `kept ${result.output.length} characters`);
  });

  it('kills the whole process tree on timeout', async function () {
    if (process.platform === 'win32') this.skip();
    const pids = path.join(dir, 'pids');
    const result = await runProcess({ kind: 'argv', line: 'tree', argv: [process.execPath, '-e', TREE_SCRIPT, pids] }, dir, { ...limits, timeoutMs: 1_500 }, new AbortController().signal);
    assert.equal(result.timedOut, true);
    const [parent, child] = (await readFile(pids, 'utf8')).split(' ').map(Number);
    await waitFor(() => !alive(parent!) && !alive(child!), 'the parent and the grandchild to be gone');
  });

  it('Stop (abort) kills the whole process tree and rejects', async function () {
    if (process.platform === 'win32') this.skip();
    const pids = path.join(dir, 'pids');
    const controller = new AbortController();
    const running = runProcess({ kind: 'argv', line: 'tree', argv: [process.execPath, '-e', TREE_SCRIPT, pids] }, dir, limits, controller.signal);
    await waitFor(async () => (await readFile(pids, 'utf8').catch(() => '')).includes(' '), 'the pids');
    const [parent, child] = (await readFile(pids, 'utf8')).split(' ').map(Number);
    assert.ok(alive(parent!) && alive(child!));
    controller.abort();
    await assert.rejects(running);
    await waitFor(() => !alive(parent!) && !alive(child!), 'the parent and the grandchild to be gone');
  });

  it('a background job a finished command left behind does not outlive it', async function () {
    if (process.platform === 'win32') this.skip();
    const pidFile = path.join(dir, 'bg');
    const result = await runProcess(toCommandSpec(`${NODE} -e "setInterval(() => {}, 1000)" & echo $! > ${pidFile}`), dir, limits, new AbortController().signal);
    assert.equal(result.exitCode, 0);
    assert.equal(result.timedOut, false, 'the step ends when the command does, not at its timeout');
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    await waitFor(() => !alive(pid), 'the background job to be gone');
  });

  it('a program that does not exist is a failure the model can read', async () => {
    await assert.rejects(runProcess(toCommandSpec('hearth-no-such-program --help'), dir, limits, new AbortController().signal), (e: unknown) => e instanceof ToolFailure && /command not found/.test(e.message));
  });
});

describe('CappedOutput', () => {
  it('keeps everything under the cap, and head plus tail over it, across chunks', () => {
    const small = new CappedOutput(10);
    small.add('abc');
    small.add('def');
    assert.equal(small.text(), 'abcdef');
    assert.equal(small.truncated, false);
    const big = new CappedOutput(10);
    for (const c of 'abcdefghijklmnopqrstuvwxyz') big.add(c);
    assert.equal(big.truncated, true);
    assert.ok(big.text().startsWith('abcde'));
    assert.ok(big.text().endsWith('vwxyz'));
    assert.match(big.text(), /16 characters of output not kept/);
  });
});

import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ToolFailure } from '../../../../src/core/agent/agentTypes';
import { toCommandSpec } from '../../../../src/core/agent/commandLine';
import { DiskToolExecutor } from '../../../../src/vscode/agent/diskToolExecutor';

const signal = new AbortController().signal;
const refusedOutside = (e: unknown): boolean => e instanceof ToolFailure && /refused/.test(e.message) && /outside|leads|link/i.test(e.message);

describe('DiskToolExecutor (the agent’s tools on a real folder)', () => {
  let base: string;
  let root: string;
  let outside: string;
  let diagnosticsAsked: string[];
  let executor: DiskToolExecutor;

  beforeEach(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'hearth-exec-'));
    root = path.join(base, 'repo');
    outside = path.join(base, 'secrets');
    await mkdir(path.join(root, 'src'), { recursive: true });
    await mkdir(outside);
    await writeFile(path.join(outside, 'id_rsa'), 'PRIVATE KEY\n');
    await writeFile(path.join(root, 'src', 'app.ts'), '\uFEFFexport const a = 1;\r\n');
    await symlink(path.join(outside, 'id_rsa'), path.join(root, 'key'));
    await symlink(outside, path.join(root, 'out'));
    await symlink(path.join(root, 'src', 'app.ts'), path.join(root, 'inside-link.ts'));
    diagnosticsAsked = [];
    executor = new DiskToolExecutor(root, {
      search: () => Promise.resolve({ matches: [], truncated: false }),
      diagnostics: (relPath) => {
        diagnosticsAsked.push(relPath);
        return [{ line: 1, severity: 'error', message: 'boom' }];
      },
    });
  });

  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('reads the exact text: BOM and CRLF kept, so writing it back gives the same bytes', async () => {
    const file = await executor.readText('src/app.ts');
    assert.deepEqual(file, { exists: true, text: '\uFEFFexport const a = 1;\r\n' });
    const before = await readFile(path.join(root, 'src', 'app.ts'));
    await executor.writeText('src/app.ts', file.exists ? file.text : '', file.exists ? file.text : undefined);
    assert.deepEqual(await readFile(path.join(root, 'src', 'app.ts')), before);
  });

  it('refuses binary and non-UTF-8 files, and says a missing file is missing', async () => {
    await writeFile(path.join(root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await writeFile(path.join(root, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await assert.rejects(executor.readText('logo.png'), /binary/);
    await assert.rejects(executor.readText('latin1.txt'), /not valid UTF-8/);
    assert.deepEqual(await executor.readText('src/none.ts'), { exists: false });
  });

  it('refuses every tool on a link out of the folder, and on a path through one', async () => {
    await assert.rejects(executor.readText('key'), refusedOutside);
    await assert.rejects(executor.readText('out/id_rsa'), refusedOutside);
    await assert.rejects(executor.listDir('out'), refusedOutside);
    await assert.rejects(executor.writeText('key', 'x', 'PRIVATE KEY\n'), refusedOutside);
    await assert.rejects(executor.writeText('out/new.txt', 'x', undefined), refusedOutside);
    await assert.rejects(executor.removeFile('key', 'PRIVATE KEY\n'), refusedOutside);
    await assert.rejects(executor.diagnostics('out/id_rsa'), refusedOutside);
    assert.equal(await readFile(path.join(outside, 'id_rsa'), 'utf8'), 'PRIVATE KEY\n', 'the file outside is untouched');
    assert.deepEqual(diagnosticsAsked, []);
  });

  it('refuses `..`, absolute and Windows-style paths before touching the disk', async () => {
    for (const p of ['../secrets/id_rsa', path.join(outside, 'id_rsa'), '..\\secrets\\id_rsa', 'C:/Windows/win.ini']) {
      await assert.rejects(executor.readText(p), ToolFailure, p);
      await assert.rejects(executor.writeText(p, 'x', undefined), ToolFailure, p);
    }
  });

  it('follows a link that stays inside the folder', async () => {
    assert.deepEqual(await executor.readText('inside-link.ts'), { exists: true, text: '\uFEFFexport const a = 1;\r\n' });
  });

  it('lists a directory; a link out of the folder is listed as neither file nor folder', async () => {
    const entries = await executor.listDir('');
    assert.deepEqual(entries, [
      { name: 'inside-link.ts', kind: 'file' },
      { name: 'key', kind: 'other' },
      { name: 'out', kind: 'other' },
      { name: 'src', kind: 'dir' },
    ]);
    await assert.rejects(executor.listDir('src/app.ts'), /not a directory/);
  });

  it('writes only while the file still holds what was shown', async () => {
    await writeFile(path.join(root, 'src', 'app.ts'), 'edited by the user\n');
    await assert.rejects(executor.writeText('src/app.ts', 'agent text', '\uFEFFexport const a = 1;\r\n'), /changed after the edit was shown/);
    assert.equal(await readFile(path.join(root, 'src', 'app.ts'), 'utf8'), 'edited by the user\n');
  });

  it('creates a file with its folders, but never over a file that appeared meanwhile', async () => {
    await executor.writeText('src/deep/new.ts', 'export {};\n', undefined);
    assert.equal(await readFile(path.join(root, 'src', 'deep', 'new.ts'), 'utf8'), 'export {};\n');
    await assert.rejects(executor.writeText('src/deep/new.ts', 'again', undefined), /created by someone else/);
  });

  it('removes a created file only while it holds the run’s text', async () => {
    await executor.writeText('made.txt', 'by the run\n', undefined);
    await writeFile(path.join(root, 'made.txt'), 'changed since\n');
    await assert.rejects(executor.removeFile('made.txt', 'by the run\n'), /changed after the run/);
    await writeFile(path.join(root, 'made.txt'), 'by the run\n');
    await executor.removeFile('made.txt', 'by the run\n');
    assert.deepEqual(await executor.readText('made.txt'), { exists: false });
  });

  it('asks the editor for the Problems of a confined file by its real path', async () => {
    assert.deepEqual(await executor.diagnostics('inside-link.ts'), [{ line: 1, severity: 'error', message: 'boom' }]);
    assert.deepEqual(diagnosticsAsked, ['src/app.ts']);
  });

  it('runs commands in the folder', async () => {
    const result = await executor.runCommand(toCommandSpec(`${JSON.stringify(process.execPath).slice(1, -1)} -e "console.log(require('node:fs').existsSync('src/app.ts'))"`), { timeoutMs: 10_000, maxOutputChars: 1000 }, signal);
    assert.equal(result.output.trim(), 'true');
  });
});

import * as assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { ConfinementFs } from '../../../../src/core/confinement/confinementFs';
import { resolveConfinedWrite } from '../../../../src/core/confinement/workspaceConfinement';
import type { ConfinedWriteTarget } from '../../../../src/core/confinement/workspaceConfinement';
import { NodeConfinementFs } from '../../../../src/vscode/confinement/nodeConfinementFs';
import { hostileTree } from './hostileTree';
import type { HostileTree } from './hostileTree';

/**
 * Where an agent's "write file" / "create file" may go. Nothing is written
 * here: the rule decides the real path, the write itself comes later.
 */
describe('resolving a write target by real path', function () {
  let tree: HostileTree;
  let realRoot: string;
  const fs = new NodeConfinementFs();
  const target = (relPath: string, on: ConfinementFs = fs): Promise<ConfinedWriteTarget> => resolveConfinedWrite(on, tree.root, relPath);
  const refusal = async (relPath: string, on?: ConfinementFs): Promise<string> => {
    const found = await target(relPath, on);
    assert.equal(found.kind, 'refused', `${relPath}: ${JSON.stringify(found)}`);
    return found.kind === 'refused' ? found.reason : '';
  };

  before(function () {
    if (process.platform === 'win32') this.skip();
    tree = hostileTree();
    realRoot = realpathSync(tree.root);
    tree.file('src/app.ts', 'export {};');
    tree.link('src-link', 'src');
    tree.link('app-link.ts', 'src/app.ts');
    tree.link('out-dir', '../outside/dir');
    tree.link('out-file.md', '../outside/secret.md');
    tree.link('dangling.md', '../outside/created-by-write.md');
    tree.fifo('pipe');
  });

  after(() => tree?.remove());

  it('allows a new file in a new directory, listing the directories to create', async () => {
    assert.deepEqual(await target('docs/guide/intro.md'), {
      kind: 'writable', path: path.join(realRoot, 'docs', 'guide', 'intro.md'), exists: false, createDirectories: ['docs', 'guide'],
    });
    assert.deepEqual(await target('src/new.ts'), { kind: 'writable', path: path.join(realRoot, 'src', 'new.ts'), exists: false, createDirectories: [] });
  });

  it('allows an existing file, and links that stay inside, at their real paths', async () => {
    assert.deepEqual(await target('src/app.ts'), { kind: 'writable', path: path.join(realRoot, 'src', 'app.ts'), exists: true, createDirectories: [] });
    assert.deepEqual(await target('app-link.ts'), { kind: 'writable', path: path.join(realRoot, 'src', 'app.ts'), exists: true, createDirectories: [] });
    assert.deepEqual(await target('src-link/new/x.ts'), { kind: 'writable', path: path.join(realRoot, 'src', 'new', 'x.ts'), exists: false, createDirectories: ['new'] });
  });

  it('refuses to write through a link out of the folder, to a file or below a directory', async () => {
    assert.match(await refusal('out-file.md'), /symbolic link to .*outside.*secret\.md, outside the workspace folder/);
    assert.match(await refusal('out-dir/AGENTS.md'), /out-dir is a symbolic link to .*outside.*dir, outside/);
    assert.match(await refusal('out-dir/new/deeper.md'), /out-dir is a symbolic link/);
  });

  it('refuses a dangling link: writing through it would create its target elsewhere', async () => {
    assert.match(await refusal('dangling.md'), /leads nowhere/);
  });

  it('refuses what is not a regular file, and a file used as a directory', async () => {
    assert.match(await refusal('src'), /is a directory/);
    assert.match(await refusal('pipe'), /not a regular file/);
    assert.match(await refusal('src/app.ts/x.ts'), /src\/app\.ts is not a directory/);
  });

  it('refuses paths a model could use to step outside, before touching the disk', async () => {
    for (const relPath of ['../escape.md', 'src/../../escape.md', '/etc/passwd', 'C:\\Windows\\x', 'C:/x', 'src\\x.ts', 'a\u0000b', '~/.bashrc', '', '.']) {
      await refusal(relPath);
    }
  });

  it('refuses every link on a file system that cannot resolve them', async () => {
    const walk: ConfinementFs = { style: fs.style, join: (b, s) => fs.join(b, s), lstat: (p) => fs.lstat(p), readRegular: (p, e, n) => fs.readRegular(p, e, n) };
    assert.match(await refusal('app-link.ts', walk), /cannot tell/);
    assert.match(await refusal('src-link/x.ts', walk), /src-link is a symbolic link/);
    assert.deepEqual(await target('docs/new.md', walk), { kind: 'writable', path: path.join(tree.root, 'docs', 'new.md'), exists: false, createDirectories: ['docs'] });
    assert.deepEqual(await target('src/app.ts', walk), { kind: 'writable', path: path.join(tree.root, 'src', 'app.ts'), exists: true, createDirectories: [] });
  });
});

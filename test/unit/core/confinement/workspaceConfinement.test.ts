import * as assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import type { ConfinementFs } from '../../../../src/core/confinement/confinementFs';
import { readConfined, resolveConfined } from '../../../../src/core/confinement/workspaceConfinement';
import type { ConfinedRead } from '../../../../src/core/confinement/workspaceConfinement';
import { NodeConfinementFs } from '../../../../src/vscode/confinement/nodeConfinementFs';
import { hostileTree } from './hostileTree';
import type { HostileTree } from './hostileTree';

const text = (read: ConfinedRead): string => (read.kind === 'file' ? new TextDecoder().decode(read.bytes) : `<${read.kind}${read.kind === 'refused' ? `: ${read.reason}` : ''}>`);

/** The node adapter without realpath: how workspace.fs looks to confinement (stat says "link", never where to). */
function withoutRealpath(fs: NodeConfinementFs): ConfinementFs {
  return { style: fs.style, join: (b, s) => fs.join(b, s), lstat: (p) => fs.lstat(p), readRegular: (p, e, n) => fs.readRegular(p, e, n) };
}

describe('workspace confinement by real path (node:fs, a real folder)', function () {
  let tree: HostileTree;
  const fs = new NodeConfinementFs();
  const read = (relPath: string, maxBytes = 1024, root = tree.root): Promise<ConfinedRead> => readConfined(fs, root, relPath, maxBytes);

  before(function () {
    if (process.platform === 'win32') this.skip(); // symlinks need privileges there, and there are no FIFOs
    tree = hostileTree();
    tree.file('AGENTS.md', 'root rules');
    tree.file('real/notes.md', 'inside notes');
    tree.file('big.md', 'x'.repeat(100_000));
    tree.link('link-in.md', 'real/notes.md');
    tree.link('chain-in.md', 'link-in.md');
    tree.link('link-out.md', '../outside/secret.md');
    tree.link('link-out-abs.md', path.join(tree.outside, 'secret.md'));
    tree.link('chain-out.md', 'link-out.md');
    tree.link('prefix.md', '../work-evil/secret.md');
    tree.link('dir-in', 'real');
    tree.link('dir-out', '../outside/dir');
    tree.link('dangling.md', 'nowhere.md');
    tree.link('loop.md', 'loop.md');
    tree.fifo('pipe/AGENTS.md');
  });

  after(() => tree?.remove());

  it('reads a regular file inside, bounded, with its size', async () => {
    assert.equal(text(await read('AGENTS.md')), 'root rules');
    const big = await read('big.md', 10);
    assert.ok(big.kind === 'file' && big.bytes.length === 10 && big.size === 100_000, JSON.stringify({ kind: big.kind }));
  });

  it('follows links that stay inside the folder, and says where they lead', async () => {
    for (const relPath of ['link-in.md', 'chain-in.md', 'dir-in/notes.md']) {
      const found = await read(relPath);
      assert.equal(text(found), 'inside notes', relPath);
      assert.equal(found.kind === 'file' ? found.relPath : '', 'real/notes.md', relPath);
    }
  });

  it('refuses a link out of the folder, naming where it leads', async () => {
    for (const relPath of ['link-out.md', 'link-out-abs.md']) {
      const found = await read(relPath);
      assert.equal(found.kind, 'refused', relPath);
      assert.match(text(found), new RegExp(`it is a symbolic link to ${escape(path.join(tree.outside, 'secret.md'))}, outside the workspace folder`));
    }
    assert.match(text(await read('chain-out.md')), /outside the workspace folder/);
    assert.match(text(await read('prefix.md')), /work-evil.*outside the workspace folder/, 'a sibling sharing the prefix is outside');
  });

  it('refuses a file below a directory link that leaves, naming the directory', async () => {
    const found = await read('dir-out/AGENTS.md');
    assert.match(text(found), new RegExp(`^<refused: dir-out is a symbolic link to ${escape(path.join(tree.outside, 'dir'))}, outside`));
    assert.equal((await read('dir-out/missing.md')).kind, 'absent', 'nothing is there: nothing to refuse');
  });

  it('treats dangling links and link loops as leading nowhere', async () => {
    assert.equal((await read('dangling.md')).kind, 'absent');
    assert.equal((await read('loop.md')).kind, 'absent');
  });

  it('never opens a FIFO: refused at once, no read blocks', async () => {
    const found = await read('pipe/AGENTS.md');
    assert.equal(found.kind, 'refused');
    assert.match(text(found), /not a regular file/);
  });

  it('does not block either when a FIFO takes the place of a checked file', async () => {
    const fifo = path.join(tree.root, 'pipe', 'AGENTS.md');
    const swapped = await fs.readRegular(fifo, { kind: 'file', size: 10 }, 1024);
    assert.deepEqual(swapped, { kind: 'refused', reason: 'it changed while it was being read' });
  });

  it('refuses a file that is not the one checked (another inode)', async () => {
    const found = await resolveConfined(fs, tree.root, 'AGENTS.md');
    assert.ok(found.kind === 'file');
    const other = await fs.readRegular(found.path, { ...found.entry, identity: '0:0' }, 1024);
    assert.equal(other.kind, 'refused');
  });

  it('reports directories as directories, and refuses textual escapes before touching the disk', async () => {
    assert.equal((await read('real')).kind, 'directory');
    assert.equal((await read('')).kind, 'directory');
    for (const relPath of ['../outside/secret.md', '/etc/passwd', 'real\\..\\..\\outside\\secret.md', 'x\u0000']) {
      assert.equal((await read(relPath)).kind, 'refused', relPath);
    }
  });

  it('judges a folder opened through a link by its real path', async () => {
    const linkedRoot = path.join(tree.base, 'work-link');
    symlinkSync(tree.root, linkedRoot);
    assert.equal(text(await read('link-in.md', 1024, linkedRoot)), 'inside notes');
    assert.equal((await read('link-out.md', 1024, linkedRoot)).kind, 'refused');
  });

  describe('on a file system that cannot resolve links (workspace.fs)', () => {
    const walk = (relPath: string): Promise<ConfinedRead> => readConfined(withoutRealpath(fs), tree.root, relPath, 1024);

    it('reads plain files and refuses every link, in or out, file or directory', async () => {
      assert.equal(text(await walk('real/notes.md')), 'inside notes');
      for (const relPath of ['link-in.md', 'link-out.md', 'dir-in/notes.md', 'dir-out/AGENTS.md']) {
        const found = await walk(relPath);
        assert.equal(found.kind, 'refused', relPath);
        assert.match(text(found), /symbolic link, and on this file system Hearth cannot tell/);
      }
      assert.match(text(await walk('dir-out/AGENTS.md')), /dir-out is a symbolic link/);
    });

    it('still says absent for what is not there, and refuses a FIFO', async () => {
      assert.equal((await walk('missing/AGENTS.md')).kind, 'absent');
      assert.equal((await walk('dir-out/missing.md')).kind, 'absent');
      assert.equal((await walk('AGENTS.md/x')).kind, 'absent');
      assert.match(text(await walk('pipe/AGENTS.md')), /not a regular file/);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

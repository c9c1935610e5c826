// The workspace.fs branch of the confinement rule inside a real VS Code: a
// file system provider in memory (as a virtual workspace's would be) that
// reports links and special files. workspace.fs cannot say where a link
// leads, so every link is refused; nothing refused is read.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { instructionFsOver } from '../../../src/core/instructions/instructionFs';
import { DEFAULT_INSTRUCTION_OPTIONS } from '../../../src/core/instructions/instructionOptions';
import { InstructionResolver } from '../../../src/core/instructions/instructionResolver';
import { ConfinedFolder } from '../../../src/vscode/confinement/confinedFolder';
import { MemoryFileSystem } from '../memoryFileSystem';

describe('Confinement on a file system seen only through workspace.fs (a virtual workspace)', () => {
  const memfs = new MemoryFileSystem('hearth-confined');
  let registration: vscode.Disposable;
  const folder = (): ConfinedFolder => ConfinedFolder.of(memfs.uri('/proj'));
  const reason = async (rel: string): Promise<string> => {
    const found = await folder().read(rel, 4096);
    return found.kind === 'refused' ? found.reason : `<${found.kind}>`;
  };

  before(() => {
    const { File, Directory, SymbolicLink, Unknown } = vscode.FileType;
    memfs.add('/proj/AGENTS.md', File, 'Virtual root rule.');
    memfs.add('/proj/link.md', File | SymbolicLink, 'whatever the link leads to');
    memfs.add('/proj/linked-dir', Directory | SymbolicLink);
    memfs.add('/proj/linked-dir/AGENTS.md', File, 'Rules behind a directory link.');
    memfs.add('/proj/pipe/AGENTS.md', Unknown);
    memfs.add('/proj/huge.md', File, '', 9 * 1024 * 1024);
    registration = vscode.workspace.registerFileSystemProvider(memfs.scheme, memfs, { isCaseSensitive: true });
  });

  after(() => {
    registration.dispose();
  });

  it('reads plain files, and refuses every link because where it leads cannot be proven', async () => {
    const root = await folder().read('AGENTS.md', 4096);
    assert.equal(root.kind === 'file' ? new TextDecoder().decode(root.bytes) : root.kind, 'Virtual root rule.');
    assert.match(await reason('link.md'), /^it is a symbolic link, and on this file system Hearth cannot tell/);
    assert.match(await reason('linked-dir/AGENTS.md'), /^linked-dir is a symbolic link/);
    assert.equal(await reason('missing.md'), '<absent>');
  });

  it('refuses what is not a regular file, and a file it would have to read whole beyond the limit', async () => {
    assert.match(await reason('pipe/AGENTS.md'), /not a regular file/);
    assert.match(await reason('huge.md'), /larger than 8 MiB/);
    assert.deepEqual(memfs.reads.filter((p) => p !== '/proj/AGENTS.md'), [], 'nothing refused was read');
  });

  it('keeps a directory link\'s instructions out of the chain, with the reason', async () => {
    const confined = folder();
    const resolver = new InstructionResolver(instructionFsOver((rel, max) => confined.read(rel, max)), DEFAULT_INSTRUCTION_OPTIONS);
    const resolved = await resolver.resolveForFile('linked-dir/x.py');
    assert.match(resolved.text, /Virtual root rule\./);
    assert.doesNotMatch(resolved.text, /behind a directory link/);
    assert.match(resolved.warnings.join('\n'), /linked-dir\/AGENTS\.md: not used, linked-dir is a symbolic link/);
  });
});

// A hostile repository on a real disk: instruction files, imports and
// directories that are symbolic links (in and out of the folder), and FIFOs,
// resolved through the same confinement rule the extension uses.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readConfined } from '../../../../src/core/confinement/workspaceConfinement';
import { instructionFsOver } from '../../../../src/core/instructions/instructionFs';
import { DEFAULT_INSTRUCTION_OPTIONS } from '../../../../src/core/instructions/instructionOptions';
import type { InstructionOptions } from '../../../../src/core/instructions/instructionOptions';
import { InstructionResolver } from '../../../../src/core/instructions/instructionResolver';
import { NodeConfinementFs } from '../../../../src/vscode/confinement/nodeConfinementFs';
import { hostileTree } from '../confinement/hostileTree';
import type { HostileTree } from '../confinement/hostileTree';
import { paths } from './helpers';

describe('instructions from a hostile repository (real links and FIFOs)', function () {
  let tree: HostileTree;
  const resolver = (options: Partial<InstructionOptions> = {}): InstructionResolver =>
    new InstructionResolver(instructionFsOver((relPath, maxBytes) => readConfined(new NodeConfinementFs(), tree.root, relPath, maxBytes)), {
      ...DEFAULT_INSTRUCTION_OPTIONS,
      ...options,
    });
  const outsideSecret = (): string => path.join(tree.outside, 'secret.md');

  beforeEach(function () {
    if (process.platform === 'win32') this.skip();
    tree = hostileTree();
    tree.file('AGENTS.md', 'Root rule.');
    tree.file('packages/api/AGENTS.md', 'API rule.');
  });

  afterEach(() => tree?.remove());

  it('uses an AGENTS.md that links to a file inside the folder', async () => {
    tree.file('docs/agents-source.md', 'Linked rule from docs.');
    tree.link('app/AGENTS.md', '../docs/agents-source.md');
    const resolved = await resolver().resolveForFile('app/main.ts');
    assert.deepEqual(paths(resolved), ['AGENTS.md', 'app/AGENTS.md']);
    assert.match(resolved.text, /Linked rule from docs\./);
    assert.deepEqual(resolved.warnings, []);
  });

  it('refuses an AGENTS.md that links out of the folder, says why, and sends none of it', async () => {
    tree.link('app/AGENTS.md', outsideSecret());
    const resolved = await resolver().resolveForFile('app/main.ts');
    assert.deepEqual(paths(resolved), ['AGENTS.md', 'app/AGENTS.md']);
    assert.deepEqual(resolved.files.map((f) => f.refused), [false, true]);
    assert.doesNotMatch(resolved.text, /OUTSIDE SECRET/);
    assert.deepEqual(resolved.warnings, [`app/AGENTS.md: not used, it is a symbolic link to ${outsideSecret()}, outside the workspace folder`]);
  });

  it('refuses an override or a fallback name that links out, as much as AGENTS.md', async () => {
    tree.link('a/AGENTS.override.md', '../../outside/secret.md');
    tree.link('b/CLAUDE.md', outsideSecret());
    const r = resolver({ fallbackFileNames: ['CLAUDE.md'] });
    for (const [file, refused] of [['a/x.ts', 'a/AGENTS.override.md'], ['b/x.ts', 'b/CLAUDE.md']] as const) {
      const resolved = await r.resolveForFile(file);
      assert.doesNotMatch(resolved.text, /OUTSIDE SECRET/, file);
      assert.match(resolved.warnings.join('\n'), new RegExp(`${refused}: not used, it is a symbolic link to .*outside the workspace folder`), file);
    }
  });

  it('follows a directory link inside the folder, and refuses one that leaves it', async () => {
    tree.link('api-alias', 'packages/api');
    tree.link('vendor', '../outside/dir');
    const r = resolver();
    const inside = await r.resolveForFile('api-alias/src/server.ts');
    assert.deepEqual(paths(inside), ['AGENTS.md', 'api-alias/AGENTS.md']);
    assert.match(inside.text, /API rule\./);
    const outside = await r.resolveForFile('vendor/lib.ts');
    assert.doesNotMatch(outside.text, /OUTSIDE DIR RULES/);
    assert.match(outside.text, /Root rule\./, 'the folder\'s own files still apply');
    assert.deepEqual(outside.warnings, [`vendor/AGENTS.md: not used, vendor is a symbolic link to ${path.join(tree.outside, 'dir')}, outside the workspace folder`]);
  });

  it('expands an import that links inside, and refuses one that links out', async () => {
    tree.file('docs/style.md', 'Style from docs.');
    tree.link('docs/style-link.md', 'style.md');
    tree.link('docs/secret-link.md', outsideSecret());
    tree.file('web/AGENTS.md', 'Web rule.\n@../docs/style-link.md\n@../docs/secret-link.md\n');
    const resolved = await resolver({ importsEnabled: true }).resolveForFile('web/app.ts');
    assert.match(resolved.text, /Style from docs\./);
    assert.doesNotMatch(resolved.text, /OUTSIDE SECRET/);
    assert.match(resolved.text, /^@\.\.\/docs\/secret-link\.md$/m, 'a refused import stays as written');
    assert.deepEqual(resolved.warnings, [`web/AGENTS.md: import "@../docs/secret-link.md" refused: it is a symbolic link to ${outsideSecret()}, outside the workspace folder`]);
  });

  it('does not hang on a FIFO named AGENTS.md, or imported: both are refused', async () => {
    tree.fifo('pipe/AGENTS.md');
    tree.fifo('docs/pipe.md');
    tree.file('imp/AGENTS.md', '@../docs/pipe.md');
    const r = resolver({ importsEnabled: true });
    const piped = await r.resolveForFile('pipe/x.ts');
    assert.deepEqual(piped.files.map((f) => [f.relPath, f.refused]), [['AGENTS.md', false], ['pipe/AGENTS.md', true]]);
    assert.match(piped.warnings.join('\n'), /pipe\/AGENTS\.md: not used, it is not a regular file/);
    const imported = await r.resolveForFile('imp/x.ts');
    assert.match(imported.warnings.join('\n'), /import "@\.\.\/docs\/pipe\.md" refused: it is not a regular file/);
  });

  it('re-reads a linked AGENTS.md when the file it links to changes', async () => {
    tree.file('docs/agents-source.md', 'Linked rule v1.');
    tree.link('app/AGENTS.md', '../docs/agents-source.md');
    const r = resolver();
    assert.match((await r.resolveForFile('app/x.ts')).text, /Linked rule v1\./);
    writeFileSync(path.join(tree.root, 'docs', 'agents-source.md'), 'Linked rule v2.');
    // What the watcher does with the target's change event: the target is no instruction name, yet it matters.
    assert.ok(r.isInstructionPath('docs/agents-source.md'));
    assert.ok(!r.isInstructionPath('docs/other.md'));
    r.invalidate('docs/agents-source.md');
    assert.match((await r.resolveForFile('app/x.ts')).text, /Linked rule v2\./);
  });
});

import * as assert from 'node:assert/strict';
import { checkRelPath, isInsideRoot, relativeToRoot } from '../../../../src/core/confinement/confinedPath';

const posix = { separator: '/', caseInsensitive: false } as const;
const windows = { separator: '\\', caseInsensitive: true } as const;

describe('confined paths: what may be asked for at all', () => {
  it('splits plain folder-relative paths, dropping "." and empty segments', () => {
    assert.deepEqual(checkRelPath('pkg/a/AGENTS.md'), { ok: true, segments: ['pkg', 'a', 'AGENTS.md'] });
    assert.deepEqual(checkRelPath('./pkg//a/./x.md'), { ok: true, segments: ['pkg', 'a', 'x.md'] });
    assert.deepEqual(checkRelPath(''), { ok: true, segments: [] });
    assert.deepEqual(checkRelPath('.github/copilot-instructions.md'), { ok: true, segments: ['.github', 'copilot-instructions.md'] });
    assert.deepEqual(checkRelPath('..hidden/x'), { ok: true, segments: ['..hidden', 'x'] }, 'a name that starts with dots is a name');
  });

  it('refuses what a model or a repository could use to step outside', () => {
    const refused: Record<string, RegExp> = {
      '../secret': /climbs/,
      'pkg/../../secret': /climbs/,
      'pkg/..': /climbs/,
      '/etc/passwd': /absolute/,
      '~/.ssh/config': /home/,
      'C:\\Windows\\win.ini': /separators|drive/,
      'C:/Windows/win.ini': /drive/,
      'c:secret': /drive/,
      '\\\\server\\share\\x': /separators/,
      'pkg\\..\\..\\x': /separators/,
      'AGENTS.md\u0000.png': /NUL/,
    };
    for (const [path, reason] of Object.entries(refused)) {
      const checked = checkRelPath(path);
      assert.equal(checked.ok, false, JSON.stringify(path));
      assert.match(checked.ok ? '' : checked.reason, reason, JSON.stringify(path));
    }
  });
});

describe('isInsideRoot: real paths only', () => {
  it('accepts the root and what lies below it', () => {
    assert.ok(isInsideRoot('/work/app', '/work/app', posix));
    assert.ok(isInsideRoot('/work/app', '/work/app/src/x.ts', posix));
    assert.ok(isInsideRoot('/work/app/', '/work/app/x', posix), 'a trailing separator on the root');
    assert.ok(isInsideRoot('/', '/etc/passwd', posix), 'a folder at the file-system root holds everything');
  });

  it('refuses a sibling that only shares the prefix, and everything above', () => {
    assert.ok(!isInsideRoot('/work/app', '/work/app-evil/secret', posix));
    assert.ok(!isInsideRoot('/work/app', '/work/ap', posix));
    assert.ok(!isInsideRoot('/work/app', '/work', posix));
    assert.ok(!isInsideRoot('/work/app', '/WORK/APP/x', posix), 'case matters where the file system says it does');
  });

  it('compares Windows paths ignoring case, with drive roots', () => {
    assert.ok(isInsideRoot('C:\\Work\\App', 'c:\\work\\app\\src\\x.ts', windows));
    assert.ok(!isInsideRoot('C:\\Work\\App', 'C:\\Work\\App-evil\\x', windows));
    assert.ok(!isInsideRoot('C:\\Work\\App', 'D:\\Work\\App\\x', windows));
    assert.ok(isInsideRoot('C:\\', 'C:\\x', windows));
  });

  it('names a path inside the root relative to it, in "/" form', () => {
    assert.equal(relativeToRoot('/work/app', '/work/app/pkg/AGENTS.md', posix), 'pkg/AGENTS.md');
    assert.equal(relativeToRoot('/work/app', '/work/app', posix), '');
    assert.equal(relativeToRoot('C:\\Work\\App', 'C:\\Work\\App\\pkg\\x.md', windows), 'pkg/x.md');
    assert.equal(relativeToRoot('/work/app', '/work/app-evil/x', posix), undefined);
  });
});

import * as assert from 'node:assert/strict';
import { checkWorkspacePath } from '../../../../src/core/agent/workspacePath';

const repair = { repair: true };

describe('agent: workspace path arguments (the lexical half of confinement)', () => {
  const ok = (raw: string, options: Parameters<typeof checkWorkspacePath>[1] = repair): string => {
    const r = checkWorkspacePath(raw, options);
    assert.ok(r.ok, `${raw}: ${r.ok ? '' : r.error}`);
    return r.path;
  };
  const refused = (raw: string, options: Parameters<typeof checkWorkspacePath>[1] = repair): string => {
    const r = checkWorkspacePath(raw, options);
    assert.ok(!r.ok, `${raw} should be refused, got ${r.ok ? r.path : ''}`);
    return r.error;
  };
  it('normalises relative paths', () => {
    assert.equal(ok('./src//app.ts'), 'src/app.ts');
    assert.equal(ok('src/../package.json'), 'package.json');
    assert.equal(ok('.'), '.');
    assert.equal(ok('src/.'), 'src');
  });
  it('refuses ".." that leaves the workspace, in every spelling', () => {
    for (const raw of ['..', '../x', 'src/../../etc/passwd', 'a/b/../../../c', '..\\..\\windows\\system.ini']) assert.match(refused(raw), /leaves the workspace/);
  });
  it('refuses absolute, home, drive, UNC and URI paths outside the workspace', () => {
    for (const raw of ['/etc/passwd', '~/.ssh/id_rsa', 'C:\\Windows\\win.ini', 'c:/x', '\\\\server\\share\\f', '//server/share', 'file:///etc/passwd', '\\\\?\\C:\\x']) assert.match(refused(raw), /absolute path/);
  });
  it('takes Windows separators as "/" only when repairing', () => {
    assert.equal(ok('src\\lib\\a.ts'), 'src/lib/a.ts');
    assert.match(refused('src\\lib\\a.ts', { repair: false }), /backslashes/);
  });
  it('accepts an absolute path inside the workspace root, POSIX or Windows', () => {
    assert.equal(ok('/home/me/proj/src/a.ts', { repair: true, workspaceRoot: '/home/me/proj' }), 'src/a.ts');
    assert.equal(ok('c:\\Users\\me\\proj\\a.ts', { repair: true, workspaceRoot: 'C:\\Users\\me\\proj' }), 'a.ts');
    assert.match(refused('/home/me/project2/a.ts', { repair: true, workspaceRoot: '/home/me/proj' }), /absolute path/);
    assert.match(refused('/home/me/proj/../secret', { repair: true, workspaceRoot: '/home/me/proj' }), /leaves the workspace/);
  });
  it('refuses empty paths and control characters', () => {
    assert.match(refused('  '), /empty/);
    assert.match(refused('a\0b'), /control characters/);
    assert.match(refused('a\nb'), /control characters/);
  });
});

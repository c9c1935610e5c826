import * as assert from 'node:assert/strict';
import { classifyLink } from '../../../../src/core/chat/linkTarget';

describe('classifyLink', () => {
  it('opens http(s) externally, normalised', () => {
    assert.deepEqual(classifyLink('https://ollama.com/library'), { kind: 'external', url: 'https://ollama.com/library' });
    assert.deepEqual(classifyLink(' HTTP://Example.com '), { kind: 'external', url: 'http://example.com/' });
  });

  it('opens workspace-relative files, with a line, never outside the workspace', () => {
    assert.deepEqual(classifyLink('src/app.ts'), { kind: 'workspaceFile', path: 'src/app.ts' });
    assert.deepEqual(classifyLink('./src/app.ts#L12'), { kind: 'workspaceFile', path: 'src/app.ts', line: 12 });
    assert.deepEqual(classifyLink('/README.md'), { kind: 'workspaceFile', path: 'README.md' });
    assert.deepEqual(classifyLink('docs/../src/my%20file.ts'), { kind: 'workspaceFile', path: 'src/my file.ts' });
    assert.equal(classifyLink('../../etc/passwd').kind, 'refused');
    assert.equal(classifyLink('src/../../x').kind, 'refused');
    assert.equal(classifyLink('src\\..\\x').kind, 'refused');
  });

  it('refuses every other scheme, however it is disguised', () => {
    for (const href of [
      'command:workbench.action.terminal.new',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vscode://file/etc/passwd',
      'file:///etc/passwd',
      'vbscript:msgbox',
      '//evil.example/x',
      'https://user:pw@example.com/',
      '#top',
      '',
      'x'.repeat(3000),
    ]) {
      assert.equal(classifyLink(href).kind, 'refused', href);
    }
  });
});

import * as assert from 'node:assert/strict';
import { linkTarget } from '../../../../webview/chat/linkTarget';

describe('linkTarget', () => {
  it('passes links the host may open (it validates them again)', () => {
    for (const href of ['https://example.com/a?b=1#c', 'http://localhost:3000', 'src/app.ts', './README.md#L10', '#section', 'mailto:a@b.c', 'command:workbench.action.terminal.new', 'vscode:extension/x']) {
      assert.equal(linkTarget(href), href);
    }
  });

  it('never posts script or inline-data links, however they are spelled', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:x', '\u0001javascript:x', 'data:text/html,<script>', 'DATA:image/png;base64,AAAA', 'vbscript:msgbox(1)', '']) {
      assert.equal(linkTarget(href), undefined, JSON.stringify(href));
    }
    assert.equal(linkTarget(null), undefined);
    assert.equal(linkTarget(undefined), undefined);
  });

  it('drops hrefs longer than the protocol allows', () => {
    assert.equal(linkTarget(`https://example.com/${'a'.repeat(3000)}`), undefined);
  });
});

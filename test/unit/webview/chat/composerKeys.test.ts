import * as assert from 'node:assert/strict';
import type { ComposerKey } from '../../../../webview/chat/composerKeys';
import { composerKeyAction, opensFilePicker } from '../../../../webview/chat/composerKeys';

const key = (k: string, mods: Partial<ComposerKey> = {}): ComposerKey => ({ key: k, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, isComposing: false, ...mods });

describe('composer keys', () => {
  it('Enter sends, Shift+Enter (or Alt+Enter) breaks the line', () => {
    assert.equal(composerKeyAction(key('Enter'), 'hi', false), 'send');
    assert.equal(composerKeyAction(key('Enter', { ctrlKey: true }), 'hi', false), 'send');
    assert.equal(composerKeyAction(key('Enter', { shiftKey: true }), 'hi', false), 'newline');
    assert.equal(composerKeyAction(key('Enter', { altKey: true }), 'hi', false), 'newline');
  });

  it('an IME composition keeps its Enter', () => {
    assert.equal(composerKeyAction(key('Enter', { isComposing: true }), 'に', false), 'none');
  });

  it('Up edits the last message only in an empty input, without modifiers', () => {
    assert.equal(composerKeyAction(key('ArrowUp'), '', false), 'editLast');
    assert.equal(composerKeyAction(key('ArrowUp'), 'draft', false), 'none');
    assert.equal(composerKeyAction(key('ArrowUp', { shiftKey: true }), '', false), 'none');
    assert.equal(composerKeyAction(key('ArrowUp', { metaKey: true }), '', false), 'none');
  });

  it('Escape cancels an edit, and is left alone otherwise', () => {
    assert.equal(composerKeyAction(key('Escape'), 'x', true), 'cancelEdit');
    assert.equal(composerKeyAction(key('Escape'), 'x', false), 'none');
  });

  it('@ opens the file picker at the start of a word only', () => {
    assert.equal(opensFilePicker('@', ''), true);
    assert.equal(opensFilePicker('@', 'look at '), true);
    assert.equal(opensFilePicker('@', 'line\n'), true);
    assert.equal(opensFilePicker('@', 'mail me at bob'), false);
    assert.equal(opensFilePicker('a', ''), false);
    assert.equal(opensFilePicker(null, ''), false);
  });
});

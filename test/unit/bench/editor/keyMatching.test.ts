import * as assert from 'node:assert/strict';
import { BACKSPACE, ENTER } from '../../../../bench/editor/editorModel';
import { matchSteps } from '../../../../bench/editor/keyMatching';
import type { KeySample } from '../../../../bench/editor/pageProbe';
import { fixtureScript } from './fixtures';

const key = (at: number, k: string, where: Partial<KeySample> = {}): KeySample => ({ at, inputAt: at - 2, key: k, command: false, inEditor: true, ...where });

describe('editor benchmark: pairing scripted steps with the page’s keydowns', () => {
  const script = fixtureScript('ab\ncd\n', { line: 1, column: 3 }, [
    ['x', 100],
    [ENTER, 100],
    { move: { line: 3, column: 2 }, gapMs: 900 },
    [BACKSPACE, 300],
  ]);

  it('takes editor keys in order, and for a move its Ctrl+G and the Enter that closes Go to Line', () => {
    const times = matchSteps(script, [
      key(100, 'x'),
      key(200, 'Enter'),
      key(1100, 'g', { command: true }),
      key(1150, '3', { inEditor: false }),
      key(1160, ':', { inEditor: false }),
      key(1170, '2', { inEditor: false }),
      key(1240, 'Enter', { inEditor: false }),
      key(1500, 'Backspace'),
      key(1900, 's', { command: true }),
    ]);
    assert.deepEqual(times, [
      { at: 100, doneAt: 100, inputAt: 98 },
      { at: 200, doneAt: 200, inputAt: 198 },
      { at: 1100, doneAt: 1240, inputAt: 1098 },
      { at: 1500, doneAt: 1500, inputAt: 1498 },
    ]);
  });

  it('refuses a session in which the editor saw another key, or too few', () => {
    assert.throws(() => matchSteps(script, [key(100, 'x'), key(150, 'y')]), /expected "Enter".*"y"/);
    assert.throws(() => matchSteps(script, [key(100, 'x'), key(200, 'Enter')]), /Ctrl\+G.*ran out/);
  });
});

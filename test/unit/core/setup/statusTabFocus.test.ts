import * as assert from 'node:assert/strict';
import { StatusTabFocus } from '../../../../src/core/setup/statusTabFocus';
import type { SetupSummary } from '../../../../src/shared/statusTab';
import type { HostToWebview } from '../../../../src/shared/protocol';

const base = { platform: 'Linux', startSteps: [], roles: [] };
const CONNECTING: SetupSummary = { ...base, needed: false, daemon: 'connecting', notRunning: false };
const DOWN: SetupSummary = { ...base, needed: true, daemon: 'down', notRunning: true };
const READY: SetupSummary = { ...base, needed: false, daemon: 'ready', notRunning: false };

function focusWithLog(delivered = (): boolean => true): { focus: StatusTabFocus; sent: HostToWebview[] } {
  const sent: HostToWebview[] = [];
  return { focus: new StatusTabFocus((m) => { sent.push(m); return delivered(); }), sent };
}

describe('StatusTabFocus', () => {
  it('setup needed as the view loads: the Status tab comes forward once', () => {
    const { focus, sent } = focusWithLog();
    focus.viewReady(DOWN);
    assert.deepEqual(sent, [{ type: 'showTab', tab: 'status' }]);
    // Later states and reloads of the view do not pull the user back.
    focus.stateChanged(DOWN);
    focus.viewReady(DOWN);
    focus.stateChanged(READY);
    focus.stateChanged(DOWN);
    assert.equal(sent.length, 1);
  });

  it('connecting at load: decides on the first real answer', () => {
    const { focus, sent } = focusWithLog();
    focus.viewReady(CONNECTING);
    focus.stateChanged(CONNECTING);
    assert.equal(sent.length, 0);
    focus.stateChanged(DOWN);
    assert.equal(sent.length, 1);
  });

  it('ready at load: never switches, even when the daemon goes away later', () => {
    const { focus, sent } = focusWithLog();
    focus.viewReady(READY);
    focus.stateChanged(DOWN);
    focus.viewReady(DOWN);
    assert.equal(sent.length, 0);
  });

  it('does not decide before the view has loaded', () => {
    const { focus, sent } = focusWithLog();
    focus.stateChanged(READY);
    focus.stateChanged(DOWN);
    assert.equal(sent.length, 0);
    focus.viewReady(DOWN);
    assert.equal(sent.length, 1);
  });

  it('the user asking for setup shows it now, or when the view loads', () => {
    const early = focusWithLog();
    early.focus.request();
    assert.equal(early.sent.length, 0, 'no view yet');
    early.focus.viewReady(READY);
    assert.deepEqual(early.sent, [{ type: 'showTab', tab: 'status' }]);

    let up = false;
    const late = focusWithLog(() => up);
    late.focus.viewReady(READY);
    up = true;
    late.focus.request();
    assert.equal(late.sent.length, 1);
  });
});

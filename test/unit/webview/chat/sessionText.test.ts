import * as assert from 'node:assert/strict';
import { budgetView, compactTokens, instructionsLine, relativeTime } from '../../../../webview/chat/sessionText';

describe('chat session text', () => {
  it('compacts token counts', () => {
    assert.deepEqual([0, 950, 1000, 1840, 12_400, 131_072].map(compactTokens), ['0', '950', '1k', '1.8k', '12k', '131k']);
  });

  it('describes the budget, and the dropped turns only when there are some', () => {
    const view = budgetView({ promptTokens: 1840, contextTokens: 8192, reservedTokens: 1024, droppedTurns: 0 });
    assert.equal(view.text, '1.8k / 8.2k');
    assert.equal(view.high, 7168);
    assert.match(view.label, /about 1,840 of 8,192 tokens used; 1,024 kept free for the answer/);
    assert.equal(view.droppedNote, undefined);
    assert.equal(
      budgetView({ promptTokens: 4000, contextTokens: 4096, reservedTokens: 512, droppedTurns: 3 }).droppedNote,
      "The oldest 3 turns are not sent: the conversation outgrew the model's 4.1k-token window.",
    );
    assert.match(budgetView({ promptTokens: 4000, contextTokens: 4096, reservedTokens: 512, droppedTurns: 1 }).droppedNote ?? '', /^The oldest turn is not sent/);
  });

  it('states which instructions apply, or plainly why none do', () => {
    assert.equal(instructionsLine({ status: 'ready', files: ['AGENTS.md', 'packages/api/AGENTS.md'], tokens: 300 }), 'Instructions: AGENTS.md › packages/api/AGENTS.md');
    assert.equal(instructionsLine({ status: 'ready', files: [], tokens: 0 }), 'Instructions: none (no AGENTS.md applies)');
    assert.match(instructionsLine({ status: 'untrusted' }), /not applied — this workspace is not trusted/);
    assert.match(instructionsLine({ status: 'disabled' }), /off/);
    assert.match(instructionsLine({ status: 'noFolder' }), /no folder/);
  });

  it('says how long ago a conversation changed', () => {
    const now = Date.UTC(2026, 0, 10, 12);
    assert.equal(relativeTime(now - 10_000, now), 'just now');
    assert.equal(relativeTime(now - 5 * 60_000, now), '5 min ago');
    assert.equal(relativeTime(now - 3 * 3600_000, now), '3 h ago');
    assert.equal(relativeTime(now - 86400_000, now), '1 day ago');
    assert.equal(relativeTime(now - 30 * 86400_000, now), '2025-12-11');
  });
});

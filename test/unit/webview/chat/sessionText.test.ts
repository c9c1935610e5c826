import * as assert from 'node:assert/strict';
import { budgetView, compactTokens, instructionsLine, relativeTime, trimText } from '../../../../webview/chat/sessionText';

const NO_TRIM = { trimmedAttachments: [], instructionsTrimmed: false, charsPerToken: 4 } as const;

describe('chat session text', () => {
  it('compacts token counts', () => {
    assert.deepEqual([0, 950, 1000, 1840, 12_400, 131_072].map(compactTokens), ['0', '950', '1k', '1.8k', '12k', '131k']);
  });

  it('describes the budget, and the dropped turns only when there are some', () => {
    const view = budgetView({ promptTokens: 1840, contextTokens: 8192, reservedTokens: 1024, droppedTurns: 0, ...NO_TRIM });
    assert.equal(view.text, '1.8k / 8.2k');
    assert.equal(view.high, 7168);
    assert.match(view.label, /about 1,840 of 8,192 tokens used; 1,024 kept free for the answer/);
    assert.equal(view.droppedNote, undefined);
    assert.equal(
      budgetView({ promptTokens: 4000, contextTokens: 4096, reservedTokens: 512, droppedTurns: 3, ...NO_TRIM }).droppedNote,
      "The oldest 3 turns are not sent: the conversation outgrew the model's 4.1k-token window.",
    );
    assert.match(budgetView({ promptTokens: 4000, contextTokens: 4096, reservedTokens: 512, droppedTurns: 1, ...NO_TRIM }).droppedNote ?? '', /^The oldest turn is not sent/);
  });

  it('counts the draft in the meter as it is typed, and says when it would make the send trim', () => {
    const budget = { promptTokens: 1000, contextTokens: 4096, reservedTokens: 1024, droppedTurns: 0, ...NO_TRIM };
    assert.equal(budgetView(budget).text, '1k / 4.1k');
    const typed = budgetView(budget, 4000);
    assert.equal(typed.value, 2000, '4,000 characters at 4 per token');
    assert.equal(typed.text, '2k / 4.1k');
    assert.match(typed.label, /about 2,000 \(1,000 of them the message being typed\) of 4,096 tokens used/);
    assert.equal(typed.trimNote, undefined, 'it still fits');
    assert.match(budgetView(budget, 9000).trimNote ?? '', /^This message outgrows the model's 4\.1k-token window: sending it leaves out older turns or cuts attachments first/);
  });

  it('names the attachments and the instructions the next send would cut', () => {
    const budget = { promptTokens: 3000, contextTokens: 4096, reservedTokens: 1024, droppedTurns: 0, trimmedAttachments: ['server.ts', 'README.md'], instructionsTrimmed: true, charsPerToken: 4 };
    assert.equal(budgetView(budget).trimNote, "To fit the model's 4.1k-token window, sending now cuts server.ts, README.md and the instructions (from the root end).");
    assert.equal(budgetView({ ...budget, trimmedAttachments: [] }).trimNote, "To fit the model's 4.1k-token window, sending now cuts the instructions (from the root end).");
  });

  it('says with an answer what its request left out or cut', () => {
    assert.equal(
      trimText({ contextTokens: 4096, droppedTurns: 2, attachments: ['app.ts:1-400'], instructions: true }),
      "To fit the model's 4.1k-token window, this question was sent trimmed: Hearth left out the 2 oldest turns and cut app.ts:1-400 and the instructions (from the root end).",
    );
    assert.equal(trimText({ contextTokens: 2048, droppedTurns: 1, attachments: [], instructions: false }), "To fit the model's 2k-token window, this question was sent trimmed: Hearth left out the oldest turn.");
  });

  it('states which instructions apply, or plainly why none do', () => {
    assert.equal(instructionsLine({ status: 'ready', files: ['AGENTS.md', 'packages/api/AGENTS.md'], tokens: 300 }), 'Instructions: AGENTS.md › packages/api/AGENTS.md');
    assert.equal(instructionsLine({ status: 'ready', files: [], tokens: 0 }), 'Instructions: none (no AGENTS.md applies)');
    assert.match(instructionsLine({ status: 'untrusted' }), /not applied — this workspace is not trusted/);
    assert.match(instructionsLine({ status: 'disabled' }), /off/);
    assert.match(instructionsLine({ status: 'noFolder' }), /no folder/);
    assert.match(instructionsLine({ status: 'outsideWorkspace' }), /none — the active file is not in a workspace folder/);
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

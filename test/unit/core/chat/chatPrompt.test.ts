import * as assert from 'node:assert/strict';
import { HEARTH_SYSTEM_PROMPT, assembleChatPrompt, renderQuestion, reservedTokensFor } from '../../../../src/core/chat/chatPrompt';
import type { ChatPromptInputs } from '../../../../src/core/chat/chatPrompt';
import { answer, attachment, user } from './chatFixtures';

const base = (over: Partial<ChatPromptInputs> = {}): ChatPromptInputs => ({
  system: HEARTH_SYSTEM_PROMPT,
  instructions: '',
  history: [],
  question: { text: 'How do I parse JSON?', attachments: [] },
  contextTokens: 4096,
  charsPerToken: 4,
  ...over,
});

describe('assembleChatPrompt', () => {
  it('puts system, instructions, history and the question with its context in order', () => {
    const sel = attachment('app.ts:1-3', 'const a = 1;\nconst b = 2;');
    const prompt = assembleChatPrompt(
      base({
        instructions: '<instructions>Use pnpm.</instructions>',
        history: [user('hi'), answer('hello')],
        question: { text: 'Explain this', attachments: [sel] },
      }),
    );
    assert.deepEqual(prompt.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.ok(prompt.messages[0]?.content.startsWith(HEARTH_SYSTEM_PROMPT));
    assert.ok(prompt.messages[0]?.content.endsWith('<instructions>Use pnpm.</instructions>'));
    const question = prompt.messages[3]?.content ?? '';
    assert.ok(question.includes('const a = 1;\nconst b = 2;'), question);
    assert.ok(question.indexOf('app.ts:1-3') < question.indexOf('Explain this'));
    assert.equal(prompt.droppedTurns, 0);
    assert.equal(prompt.tooLong, false);
  });

  it('stays within num_ctx minus the answer reserve and drops the oldest exchanges first, with a count', () => {
    const history = [];
    for (let i = 0; i < 40; i++) history.push(user(`question ${i} ${'q'.repeat(400)}`), answer(`answer ${i} ${'a'.repeat(400)}`));
    const prompt = assembleChatPrompt(base({ history, contextTokens: 4096 }));
    assert.ok(prompt.promptTokens <= 4096 - prompt.reservedTokens, `${prompt.promptTokens}`);
    assert.ok(prompt.droppedTurns > 0);
    // What is kept is the most recent part, whole exchanges, in order.
    const kept = prompt.messages.slice(1, -1);
    assert.equal(kept.length + prompt.droppedTurns, 80);
    assert.equal(kept[0]?.role, 'user', 'history never starts with an orphaned answer');
    assert.match(kept[kept.length - 1]?.content ?? '', /^answer 39 /);
    assert.match(kept[0]?.content ?? '', new RegExp(`^question ${40 - kept.length / 2} `));
  });

  it('keeps everything when it fits, and counts tokens with the calibrated ratio', () => {
    const history = [user('a'.repeat(1000)), answer('b'.repeat(1000))];
    const coarse = assembleChatPrompt(base({ history, charsPerToken: 2 }));
    const fine = assembleChatPrompt(base({ history, charsPerToken: 4 }));
    assert.ok(coarse.promptTokens > fine.promptTokens);
    assert.equal(fine.droppedTurns, 0);
  });

  it('does not send answers that have no text, and keeps stopped partial answers', () => {
    const prompt = assembleChatPrompt(base({ history: [user('one'), answer('', 'error'), user('two'), answer('partial', 'stopped')] }));
    assert.deepEqual(prompt.messages.map((m) => m.content).slice(1), ['one', 'two', 'partial', 'How do I parse JSON?']);
  });

  it('cuts an attachment enough that the instructions are not cut for the few characters its "truncated" mark adds', () => {
    const selection = attachment('big.ts:1-300', 'export const v = 1;\n'.repeat(400));
    const instructions = `ROOT ${'r'.repeat(1000)} NEAREST`;
    const prompt = assembleChatPrompt(base({ instructions, question: { text: 'What should change here?', attachments: [selection] }, contextTokens: 1024 }));
    assert.deepEqual(prompt.trimmedAttachments, ['big.ts:1-300']);
    assert.equal(prompt.instructionsTrimmed, false, 'the instructions fit once the attachment gave way');
    assert.ok(prompt.messages[0]?.content.endsWith(instructions));
    assert.ok(prompt.promptTokens <= 1024 - prompt.reservedTokens, `${prompt.promptTokens}`);
  });

  it('trims attachments before instructions, and instructions from the root end, when the question barely fits', () => {
    const big = attachment('big.ts', 'x'.repeat(40_000), 'file');
    const instructions = `ROOT ${'r'.repeat(8000)} NEAREST`;
    const prompt = assembleChatPrompt(base({ instructions, question: { text: 'Refactor', attachments: [big] }, contextTokens: 2048 }));
    assert.ok(prompt.attachmentsTrimmed);
    assert.ok(prompt.promptTokens <= 2048 - prompt.reservedTokens, `${prompt.promptTokens}`);
    const system = prompt.messages[0]?.content ?? '';
    if (prompt.instructionsTrimmed) {
      assert.ok(system.endsWith('NEAREST'), 'the nearest instructions survive');
      assert.ok(!system.includes('ROOT'));
    }
    assert.match(prompt.messages[prompt.messages.length - 1]?.content ?? '', /big\.ts \(file, truncated\)/);
    assert.equal(prompt.tooLong, false);
  });

  it('says so instead of sending a question that cannot fit', () => {
    const prompt = assembleChatPrompt(base({ question: { text: 'y'.repeat(20_000), attachments: [] }, contextTokens: 1024 }));
    assert.equal(prompt.tooLong, true);
  });

  it('reserves a quarter of the window for the answer, within bounds', () => {
    assert.equal(reservedTokensFor(4096), 1024);
    assert.equal(reservedTokensFor(512), 256);
    assert.equal(reservedTokensFor(131_072), 4096);
  });
});

describe('renderQuestion', () => {
  it('fences attachments with a fence longer than any backtick run inside them', () => {
    const text = renderQuestion('Why?', [attachment('doc.md', 'before\n```js\ninner\n```\nafter')]);
    assert.ok(text.includes('````typescript\nbefore\n```js'), text);
    assert.ok(text.endsWith('````\n\nWhy?'));
  });
});

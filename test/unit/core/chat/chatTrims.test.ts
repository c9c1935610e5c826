// Issue #17, item 4: a send that must trim says so in the conversation and the
// meter at that moment, not only in the log. Written from the user's side: a
// small window, long instructions, a large attachment, a long conversation.
import * as assert from 'node:assert/strict';
import type { ChatInstructions } from '../../../../src/core/chat/chatPorts';
import type { ChatAssistantTurn, HostToWebview } from '../../../../src/shared/protocol';
import { wordTokens } from '../../../fakes/ollamaStandIn';
import { attachment } from './chatFixtures';
import { INSTRUCTIONS, bodyOf, startRig } from './chatRig';
import type { Rig } from './chatRig';

/** Instructions far larger than a 1k-token window: the nearest file's rule comes last. */
const LONG_INSTRUCTIONS: ChatInstructions = {
  summary: INSTRUCTIONS.summary,
  text: `${'Root rule: keep functions short. '.repeat(200)}\nNEAREST RULE: answer in French.`,
};

/** The chatTurn messages posted for `turnId`, in order. */
function turnPosts(posted: readonly HostToWebview[], turnId: string): ChatAssistantTurn[] {
  return posted.flatMap((m) => (m.type === 'chatTurn' && m.turn.id === turnId && m.turn.role === 'assistant' ? [m.turn] : []));
}

describe('chat trims, shown when they happen (against the stand-in)', () => {
  let rig: Rig;

  beforeEach(async () => {
    rig = await startRig();
    rig.numCtx = 1024;
  });

  afterEach(async () => {
    rig.chat.dispose();
    await rig.daemon.close();
  });

  it('the meter names the attachment and the instructions the next send would cut', () => {
    rig.instructions = LONG_INSTRUCTIONS;
    rig.attachments = [attachment('big.ts', 'const x = 1;\n'.repeat(400)), attachment('small.ts', 'export {};')];
    rig.chat.pushSession();
    const budget = rig.lastSession()?.budget;
    assert.ok(budget);
    assert.equal(budget.contextTokens, 1024);
    assert.deepEqual(budget.trimmedAttachments, ['big.ts'], 'only the attachment that is cut is named');
    assert.equal(budget.instructionsTrimmed, true);
    assert.ok(budget.promptTokens <= budget.contextTokens - budget.reservedTokens, `${budget.promptTokens} fits what is left for the prompt`);
    assert.ok(budget.charsPerToken > 0, 'the webview can count the draft with the same estimate');
  });

  it('a send that cuts an attachment and the instructions says so with the answer, before it streams, and on disk', async () => {
    rig.instructions = LONG_INSTRUCTIONS;
    rig.attachments = [attachment('big.ts', 'const x = 1;\n'.repeat(400))];
    rig.standIn.reply(() => ({ tokens: wordTokens('Voici.') }));
    const answer = await rig.chat.send('What does big.ts do?');
    assert.equal(answer?.status, 'done');
    assert.deepEqual(answer.trim, { contextTokens: 1024, droppedTurns: 0, attachments: ['big.ts'], instructions: true });

    const posts = turnPosts(rig.posted, answer.id);
    const firstWithTrim = posts.findIndex((t) => t.trim !== undefined);
    assert.ok(firstWithTrim >= 0 && posts[firstWithTrim]?.status === 'streaming', 'the trim is posted while the answer is still to come');
    const firstDelta = rig.posted.findIndex((m) => m.type === 'chatDelta' && m.turnId === answer.id);
    const trimPosted = rig.posted.findIndex((m) => m.type === 'chatTurn' && m.turn.id === answer.id && m.turn.role === 'assistant' && m.turn.trim !== undefined);
    assert.ok(trimPosted >= 0 && trimPosted < firstDelta, 'the conversation says so before the first word of the answer');

    const body = bodyOf(rig.standIn.requestsTo('/api/chat').at(-1));
    const system = body.messages[0]?.content ?? '';
    assert.match(system, /NEAREST RULE: answer in French\.$/, 'the nearest rule is kept');
    assert.ok(system.length < LONG_INSTRUCTIONS.text.length, 'the instructions were cut as the turn says');
    assert.match(body.messages.at(-1)?.content ?? '', /big\.ts \(selected, truncated\)/);
    const stored = (await rig.stored())?.turns.find((t) => t.id === answer.id);
    assert.deepEqual(stored?.role === 'assistant' ? stored.trim : undefined, answer.trim, 'the note stays with the answer');
  });

  it('a conversation that outgrew the window: the answer says how many turns were left out, and they were', async () => {
    rig.instructions = { summary: INSTRUCTIONS.summary, text: '' };
    const long = (n: number): string => `Question ${n}: ${'please look at this long text again. '.repeat(40)}`;
    for (let n = 1; n <= 3; n++) {
      rig.standIn.reply(() => ({ tokens: wordTokens(`Answer ${n}. ${'More words follow here. '.repeat(20)}`) }));
      await rig.chat.send(long(n));
    }
    rig.standIn.reply(() => ({ tokens: wordTokens('Done.') }));
    const answer = await rig.chat.send('And now?');
    const dropped = answer?.trim?.droppedTurns ?? 0;
    assert.ok(dropped >= 2, `older turns were left out (${dropped})`);
    assert.deepEqual(answer?.trim?.attachments, []);
    assert.equal(answer?.trim?.instructions, false);
    const sent = bodyOf(rig.standIn.requestsTo('/api/chat').at(-1)).messages.map((m) => m.content);
    assert.ok(!sent.some((c) => c.startsWith('Question 1:')), 'the oldest question was not sent');
    assert.equal(sent.length, 1 + (6 - dropped) + 1, 'system, the turns kept, the question');
  });

  it('a send that fits whole carries no note', async () => {
    rig.numCtx = 4096;
    rig.standIn.reply(() => ({ tokens: wordTokens('Oui.') }));
    const answer = await rig.chat.send('Short question');
    assert.equal(answer?.status, 'done');
    assert.equal(answer.trim, undefined);
    assert.ok(turnPosts(rig.posted, answer.id).every((t) => t.trim === undefined));
  });
});

import * as assert from 'node:assert/strict';
import type { AgentSettings } from '../../../../src/core/agent/agentPorts';
import { ConversationService } from '../../../../src/core/chat/conversationService';
import { ConversationStore } from '../../../../src/core/chat/conversationStore';
import type { StoredAssistantTurn } from '../../../../src/core/chat/conversation';
import type { ConnectionState } from '../../../../src/core/connection/connectionMonitor';
import { nullLogger } from '../../../../src/core/logger';
import type { AgentApprovalView } from '../../../../src/shared/agentView';
import { MemoryExecutor } from '../../../fakes/memoryExecutor';
import { defaultModels } from '../../../fakes/standInModels';
import { callText, scriptedChat, textReply } from '../../../fakes/standInScript';
import { StandInService } from '../../../fakes/standInService';
import { MemoryStoreFs } from '../chat/memoryStoreFs';

const QWEN = defaultModels().find((m) => m.name === 'qwen2.5-coder:7b')!;
const call = (name: string, args: Record<string, unknown>): ReturnType<typeof textReply> => textReply(callText(QWEN, [{ name, args }]));

/** The chat core with an agent runtime over an in-memory workspace; the daemon is the stand-in. */
async function agentRig(files: Record<string, string>, commands: ConstructorParameters<typeof MemoryExecutor>[1] = {}) {
  const daemon = await StandInService.start({ standIn: { latency: { loadMs: 0, timeToFirstTokenMs: 1, perPromptTokenMs: 0, perTokenMs: 0 } }, timeouts: { metadataMs: 5_000, firstChunkMs: 5_000, idleMs: 5_000 } });
  const models = await daemon.service.listModels();
  assert.ok(models.ok);
  const connection: ConnectionState = { status: 'connected', version: '0.12.6', models: models.value };
  const executor = new MemoryExecutor(files, commands);
  const fs = new MemoryStoreFs();
  const state = { gpuHeld: 0, gpuHeldDuringModel: [] as number[], settings: { maxSteps: 25, tokenBudget: 400_000, autoApproveEdits: false, commandTimeoutMs: 10_000, commandOutputChars: 8_000 } as AgentSettings };
  const chat = new ConversationService({
    engine: { server: daemon.service, beginChatStream: () => ({ dispose: () => undefined }) },
    env: { connection: () => connection, chatModel: () => 'qwen2.5-coder:7b', numCtx: () => 8192, instructions: () => ({ summary: { status: 'disabled' }, text: '' }), maxReplyBytes: () => 1_000_000 },
    context: { chips: () => [], attachments: () => [], snapshot: () => [], clearFiles: () => undefined },
    notifications: { warn: () => undefined, flash: () => undefined },
    store: new ConversationStore(fs, nullLogger),
    memory: { get: () => undefined, update: () => Promise.resolve() },
    log: nullLogger,
    post: () => true,
    agent: {
      server: {
        async *chatWithTools(request, signal) {
          state.gpuHeldDuringModel.push(state.gpuHeld);
          yield* daemon.service.chatWithTools(request, signal);
        },
      },
      beginChatStream: () => {
        state.gpuHeld++;
        return { dispose: () => state.gpuHeld-- };
      },
      trusted: () => true,
      workspace: () => ({ root: '/repo', executor, removeFile: (path) => Promise.resolve(void executor.files.delete(path)) }),
      settings: () => state.settings,
      showDiff: () => Promise.resolve(),
    },
  });
  await chat.onViewReady();
  chat.setMode('agent');
  const pending = async (): Promise<{ turnId: string; approval: AgentApprovalView }> => {
    for (let i = 0; i < 400; i++) {
      const turn = chat.active().turns.at(-1);
      if (turn?.role === 'assistant' && turn.agent?.pending) return { turnId: turn.id, approval: turn.agent.pending };
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('no step waits for approval');
  };
  return { daemon, chat, executor, fs, state, pending };
}

describe('AgentTurns: agent runs inside a conversation', function () {
  this.timeout(20_000);

  it('holds the GPU slot while the model answers, not while a step waits for the user; a forged or stale decision decides nothing', async () => {
    const rig = await agentRig({ 'a.ts': 'const x = 1;\n' });
    try {
      rig.daemon.standIn.reply(scriptedChat([
        { turn: 0, reply: call('edit_file', { path: 'a.ts', old_text: 'x = 1', new_text: 'x = 2' }) },
        { afterTool: { name: 'edit_file' }, reply: textReply('Done.') },
      ]));
      const answered = rig.chat.send('Set x to 2.');
      const { turnId, approval } = await rig.pending();
      assert.equal(rig.state.gpuHeld, 0, 'no hold while the user decides');
      assert.equal(rig.chat.agent?.decide(turnId, approval.stepId + 1, 'approve'), false);
      assert.equal(rig.chat.agent?.decide('someOtherTurn', approval.stepId, 'approve'), false);
      assert.equal(rig.executor.files.get('a.ts'), 'const x = 1;\n');
      assert.equal(rig.chat.agent?.decide(turnId, approval.stepId, 'approve'), true);
      assert.equal(rig.chat.agent?.decide(turnId, approval.stepId, 'approve'), false, 'answered once');
      const turn = (await answered) as StoredAssistantTurn;
      assert.equal(turn.text, 'Done.');
      assert.equal(rig.executor.files.get('a.ts'), 'const x = 2;\n');
      assert.deepEqual(rig.state.gpuHeldDuringModel, [1, 1], 'each model request held the slot');
      assert.equal(rig.state.gpuHeld, 0);
      const saved = (await new ConversationStore(rig.fs, nullLogger).loadAll()).conversations[0]?.turns.at(-1);
      assert.ok(saved?.role === 'assistant');
      assert.deepEqual(saved.agentChanges, [{ path: 'a.ts', before: 'const x = 1;\n', after: 'const x = 2;\n' }]);
    } finally {
      await rig.daemon.close();
    }
  });

  it('"allow this exact command for this conversation" runs that line unasked in the next run, and only that line', async () => {
    const ok = (): { exitCode: number; output: string } => ({ exitCode: 0, output: 'ok' });
    const rig = await agentRig({ 'a.ts': '' }, { 'npm test': ok, 'npm run lint': ok });
    try {
      rig.daemon.standIn.reply(scriptedChat([
        { turn: 0, reply: call('run_command', { command: 'npm test' }) },
        { afterTool: { name: 'run_command' }, reply: textReply('Tests pass.') },
      ]));
      const first = rig.chat.send('Run the tests.');
      const asked = await rig.pending();
      rig.chat.agent?.decide(asked.turnId, asked.approval.stepId, 'approveAlways');
      await first;
      rig.daemon.standIn.reply(scriptedChat([
        { turn: 0, reply: call('run_command', { command: 'npm test' }) },
        { afterTool: { name: 'run_command', includes: 'npm test' }, reply: call('run_command', { command: 'npm run lint' }) },
        { afterTool: { name: 'run_command', includes: 'lint' }, reply: textReply('All good.') },
      ]));
      const second = rig.chat.send('Again, and lint.');
      const lint = await rig.pending();
      assert.deepEqual(lint.approval, { kind: 'command', stepId: lint.approval.stepId, line: 'npm run lint', shell: false });
      rig.chat.agent?.decide(lint.turnId, lint.approval.stepId, 'approve');
      const turn = (await second) as StoredAssistantTurn;
      assert.deepEqual(turn.agent?.steps.filter((s) => s.kind === 'tool').map((s) => [s.tool, s.approval]), [['run_command', 'remembered'], ['run_command', 'approved']]);
      assert.deepEqual(rig.executor.commandsRun, ['npm test', 'npm test', 'npm run lint']);
    } finally {
      await rig.daemon.close();
    }
  });

  it('with auto-approve edits on, edits run unasked while commands still ask', async () => {
    const rig = await agentRig({ 'a.ts': 'a\n' }, { 'npm test': () => ({ exitCode: 0, output: 'ok' }) });
    rig.state.settings = { ...rig.state.settings, autoApproveEdits: true };
    try {
      rig.daemon.standIn.reply(scriptedChat([
        { turn: 0, reply: call('edit_file', { path: 'a.ts', old_text: 'a', new_text: 'b' }) },
        { afterTool: { name: 'edit_file' }, reply: call('run_command', { command: 'npm test' }) },
        { afterTool: { name: 'run_command' }, reply: textReply('Done.') },
      ]));
      const answered = rig.chat.send('Change a to b.');
      const asked = await rig.pending();
      assert.equal(asked.approval.kind, 'command');
      assert.equal(rig.executor.files.get('a.ts'), 'b\n', 'the edit ran without asking');
      rig.chat.agent?.decide(asked.turnId, asked.approval.stepId, 'reject');
      const turn = (await answered) as StoredAssistantTurn;
      assert.deepEqual(turn.agent?.steps.filter((s) => s.kind === 'tool').map((s) => [s.tool, s.state, s.approval]), [['edit_file', 'ok', 'auto'], ['run_command', 'rejected', 'rejected']]);
      assert.deepEqual(rig.executor.commandsRun, []);
    } finally {
      await rig.daemon.close();
    }
  });
});

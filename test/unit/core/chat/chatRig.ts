import * as assert from 'node:assert/strict';
import type { ChatContext, ChatInstructions } from '../../../../src/core/chat/chatPorts';
import type { Attachment } from '../../../../src/core/chat/conversation';
import { ConversationService } from '../../../../src/core/chat/conversationService';
import { ConversationStore } from '../../../../src/core/chat/conversationStore';
import type { ConnectionState } from '../../../../src/core/connection/connectionMonitor';
import { nullLogger } from '../../../../src/core/logger';
import type { ChatSession, HostToWebview } from '../../../../src/shared/protocol';
import type { OllamaStandIn, RecordedRequest } from '../../../fakes/ollamaStandIn';
import { StandInService } from '../../../fakes/standInService';
import { MemoryStoreFs } from './memoryStoreFs';

export interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  think?: boolean;
}

export const bodyOf = (r: RecordedRequest | undefined): ChatBody => (r?.body ?? {}) as unknown as ChatBody;

export const INSTRUCTIONS: ChatInstructions = {
  summary: {
    status: 'ready',
    folder: 'shop',
    files: [{ path: 'AGENTS.md', bytes: 40, keptBytes: 40, tokens: 10, trimmed: false, empty: false, refused: false }],
    tokens: 10,
  },
  text: '<instructions path="AGENTS.md">\nRoot rule: answer in French.\n</instructions>',
};

/** The chat core with everything VS Code would hand it replaced by plain objects; the daemon is the stand-in. */
export class Rig {
  readonly posted: HostToWebview[] = [];
  readonly warnings: string[] = [];
  readonly flashes: string[] = [];
  readonly fs = new MemoryStoreFs();
  readonly memory = new Map<string, unknown>();
  gpuHeld = 0;
  numCtx = 4096;
  maxReplyBytes = 1_000_000;
  instructions: ChatInstructions = INSTRUCTIONS;
  attachments: Attachment[] = [];
  connection: ConnectionState = { status: 'connecting' };
  readonly chat: ConversationService;

  constructor(readonly daemon: StandInService) {
    const context: ChatContext = {
      chips: () => this.attachments.map((a) => a.chip),
      attachments: () => this.attachments,
      snapshot: () => this.attachments,
      clearFiles: () => {
        this.attachments = this.attachments.filter((a) => a.chip.kind !== 'file');
      },
    };
    this.chat = new ConversationService({
      engine: {
        server: daemon.service,
        beginChatStream: () => {
          this.gpuHeld++;
          return { dispose: () => this.gpuHeld-- };
        },
      },
      env: {
        connection: () => this.connection,
        chatModel: () => 'llama3.2:3b',
        numCtx: () => this.numCtx,
        instructions: () => this.instructions,
        maxReplyBytes: () => this.maxReplyBytes,
      },
      context,
      notifications: { warn: (m) => this.warnings.push(m), flash: (m) => this.flashes.push(m) },
      store: new ConversationStore(this.fs, nullLogger),
      memory: {
        get: <T>(key: string) => this.memory.get(key) as T | undefined,
        update: (key, value) => {
          this.memory.set(key, value);
          return Promise.resolve();
        },
      },
      log: nullLogger,
      post: (message) => {
        this.posted.push(message);
        return true;
      },
    });
  }

  get standIn(): OllamaStandIn {
    return this.daemon.standIn;
  }

  async connect(): Promise<void> {
    const models = await this.daemon.service.listModels();
    assert.ok(models.ok, JSON.stringify(models));
    this.connection = { status: 'connected', version: '0.12.6', models: models.value };
  }

  lastSession(): ChatSession | undefined {
    const message = this.posted.filter((m) => m.type === 'chatSession').at(-1);
    return message?.type === 'chatSession' ? message.session : undefined;
  }

  /** What the store has on disk for the active conversation. */
  async stored(): Promise<ReturnType<ConversationService['active']> | undefined> {
    const loaded = await new ConversationStore(this.fs, nullLogger).loadAll();
    return loaded.conversations.find((c) => c.id === this.chat.active().id);
  }
}

/** The stand-in (answering fast, with a short watchdog) and the chat core over it, connected and shown. */
export async function startRig(): Promise<Rig> {
  const daemon = await StandInService.start({
    standIn: { latency: { loadMs: 0, timeToFirstTokenMs: 1, perPromptTokenMs: 0, perTokenMs: 2 } },
    // No test here waits for the watchdog; a loaded machine (load 25 on 2 cores) tripped 1 s in listModels.
    timeouts: { metadataMs: 5_000, firstChunkMs: 5_000, idleMs: 5_000 },
  });
  const rig = new Rig(daemon);
  await rig.connect();
  await rig.chat.onViewReady();
  return rig;
}

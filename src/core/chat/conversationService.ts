import { randomUUID } from 'node:crypto';
import { Emitter } from '../emitter';
import type { Event } from '../emitter';
import type { Logger } from '../logger';
import { findModel } from '../modelName';
import type { AgentAvailability, ChatMode } from '../../shared/agentView';
import type { ChatSession, HostToWebview } from '../../shared/protocol';
import { agentAvailability } from '../agent/agentAvailability';
import type { AgentRuntime } from '../agent/agentPorts';
import { AgentTurns } from '../agent/agentTurns';
import { AnswerTurns } from './answerTurns';
import type { AnswerEngine, ChatContext, ChatEnvironment, ChatMemory, ChatNotifications, PostToView } from './chatPorts';
import { toChatSession } from './chatSessionView';
import { isCodeFromAnswer } from './codeFromAnswer';
import { titleFrom, toViewTurn } from './conversation';
import type { Attachment, Conversation, StoredAssistantTurn, StoredUserTurn } from './conversation';
import { ConversationSet } from './conversationSet';
import type { ConversationStore } from './conversationStore';

export interface ConversationServiceDeps {
  readonly engine: AnswerEngine;
  readonly env: ChatEnvironment;
  /** What the next message carries from the editor. */
  readonly context: ChatContext;
  readonly notifications: ChatNotifications;
  readonly store: ConversationStore;
  readonly memory: ChatMemory;
  readonly log: Logger;
  readonly post: PostToView;
  /** Agent mode's tools and settings; without it the chat has only Ask. */
  readonly agent?: AgentRuntime;
}

/**
 * The chat, without VS Code: conversations (loaded lazily, saved as they
 * change), one answer at a time, and the webview kept in step. The user's
 * message is on disk before the request leaves; the answer is saved while it
 * streams, and whatever happens (stop, error, crash) its text is kept. Every
 * call that asks for an answer resolves with the settled answer turn.
 */
export class ConversationService {
  private readonly conversations: ConversationSet;
  private readonly answers: AnswerTurns;
  /** Agent runs (approvals, diffs, Undo), when the editor side gave the chat an agent runtime. */
  readonly agent: AgentTurns | undefined;
  /** Ask or Agent, for the next message; Ask after every reload, so acting on the repository is always a choice. */
  private mode: ChatMode = 'ask';
  private loading: Promise<void> | undefined;
  private pendingCompose: string | undefined;
  private readonly posted = new Emitter<HostToWebview>();
  /** Every message sent to the webview (the integration tests listen). */
  readonly onDidPost: Event<HostToWebview> = this.posted.event;

  constructor(private readonly deps: ConversationServiceDeps) {
    const { store, memory, notifications, log, env } = deps;
    this.conversations = new ConversationSet({ store, memory, notifications, log, chatModel: () => env.chatModel() });
    this.answers = new AnswerTurns({
      engine: deps.engine,
      env: deps.env,
      log: deps.log,
      conversations: this.conversations,
      emit: (message) => this.emit(message),
      pushSession: () => this.pushSession(),
    });
    const runtime = deps.agent;
    this.agent = runtime && new AgentTurns({ runtime, env, log, conversations: this.conversations, emit: (message) => this.emit(message), pushSession: () => this.pushSession() });
  }

  /** Loads the store once; later calls wait for the same load. */
  ready(): Promise<void> {
    this.loading ??= this.conversations.load();
    return this.loading;
  }

  get streaming(): boolean {
    return this.answers.running !== undefined || this.agent?.running === true;
  }

  /** Resolves when no answer is streaming. */
  async whenIdle(): Promise<void> {
    await this.answers.whenIdle();
    await this.agent?.whenIdle();
  }

  /** The active conversation with any streaming text folded in. */
  active(): Conversation {
    return this.withRuns(this.conversations.active());
  }

  conversation(id: string): Conversation | undefined {
    const c = this.conversations.get(id);
    return c ? this.withRuns(c) : undefined;
  }

  /** Whether Agent mode can be picked for the active conversation's model, and if not, why. */
  agentAvailability(): AgentAvailability {
    const runtime = this.deps.agent;
    if (!runtime) return { available: false, reason: 'noFolder', message: 'Agent mode is not available here.', offers: [] };
    const trusted = runtime.trusted();
    return agentAvailability({ trusted, hasFolder: trusted && runtime.workspace() !== undefined, connection: this.deps.env.connection(), model: this.active().model });
  }

  /** The mode the next message is sent in: Agent only while it is available. */
  get chatMode(): ChatMode {
    return this.mode === 'agent' && this.agentAvailability().available ? 'agent' : 'ask';
  }

  setMode(mode: ChatMode): void {
    this.mode = mode;
    this.pushSession();
  }

  session(): ChatSession {
    const active = this.active();
    const { env, context } = this.deps;
    const instructions = env.instructions();
    return toChatSession({
      conversations: this.conversations.listed(),
      active,
      connection: env.connection(),
      context: context.chips(),
      budget: this.answers.budget(active, context.attachments(), instructions),
      instructions: instructions.summary,
      streaming: this.streaming,
      mode: this.chatMode,
      agent: this.agentAvailability(),
      warnings: this.conversations.warnings,
    });
  }

  /** The webview (re)loaded: it gets the whole state, and streaming deltas continue from there. */
  async onViewReady(): Promise<void> {
    await this.ready();
    this.answers.discardUndelivered();
    this.pushSession();
    this.pushTurns();
    if (this.pendingCompose !== undefined) this.compose(this.pendingCompose);
  }

  pushSession(): void {
    if (!this.loading) return;
    this.emit({ type: 'chatSession', session: this.session() });
  }

  /**
   * Sends a message in the active conversation and answers it. Resolves with
   * the answer once it settled (done, stopped or failed); undefined when
   * another answer is still streaming. `signal` stops the answer like Stop.
   */
  async send(text: string, attachments: Attachment[] = this.deps.context.snapshot(), signal?: AbortSignal): Promise<StoredAssistantTurn | undefined> {
    await this.ready();
    if (this.streaming) {
      // The view may not know yet that an answer started (its Send still showed) and has
      // already emptied its input: the message goes back there, never lost (found by npm run soak).
      this.compose(text);
      this.deps.notifications.flash('Hearth: wait for the answer to finish, or stop it first.', 3000);
      return undefined;
    }
    const conversation = this.active();
    const question: StoredUserTurn = {
      id: randomUUID(),
      role: 'user',
      text,
      context: attachments.map((a) => a.chip),
      attachments,
      createdAt: Date.now(),
    };
    const first = conversation.turns.length === 0 && !conversation.titleSetByUser;
    const next = await this.conversations.save({ ...conversation, ...(first ? { title: titleFrom(text) } : {}), turns: [...conversation.turns, question] });
    this.deps.context.clearFiles();
    this.emit({ type: 'chatTurn', conversationId: next.id, turn: toViewTurn(question) });
    return this.answer(next, signal);
  }

  /** Puts `text` in the chat input (the webview asks for it again if it reloads before sending). */
  compose(text: string): void {
    this.pendingCompose = text;
    if (this.emit({ type: 'chatCompose', text })) this.pendingCompose = undefined;
  }

  stop(): void {
    this.answers.running?.run.stop();
    this.agent?.stop();
  }

  /** Answers the question before `turnId` again, dropping that answer and anything after it. */
  async regenerate(turnId: string): Promise<StoredAssistantTurn | undefined> {
    await this.ready();
    if (this.streaming) return undefined;
    const conversation = this.active();
    const index = conversation.turns.findIndex((t) => t.id === turnId && t.role === 'assistant');
    if (index < 0) return undefined;
    const next = await this.conversations.save({ ...conversation, turns: conversation.turns.slice(0, index) });
    this.pushTurns();
    return this.answer(next);
  }

  /** Replaces a question's text (keeping its attachments), drops what followed, asks again. */
  async editResend(turnId: string, text: string): Promise<StoredAssistantTurn | undefined> {
    await this.ready();
    if (this.streaming) return undefined;
    const conversation = this.active();
    const index = conversation.turns.findIndex((t) => t.id === turnId && t.role === 'user');
    const old = conversation.turns[index];
    if (!old || old.role !== 'user') return undefined;
    const edited: StoredUserTurn = { ...old, id: randomUUID(), text, createdAt: Date.now() };
    const retitle = index === 0 && !conversation.titleSetByUser;
    const next = await this.conversations.save({
      ...conversation,
      ...(retitle ? { title: titleFrom(text) } : {}),
      turns: [...conversation.turns.slice(0, index), edited],
    });
    this.pushTurns();
    return this.answer(next);
  }

  async newChat(): Promise<void> {
    await this.ready();
    if (this.active().turns.length > 0) this.conversations.createActive();
    this.pushSession();
    this.pushTurns();
  }

  async open(id: string): Promise<void> {
    await this.ready();
    if (!this.conversations.get(id)) return;
    this.conversations.setActive(id);
    this.pushSession();
    this.pushTurns();
  }

  async rename(id: string, title: string): Promise<void> {
    const conversation = this.conversation(id);
    const clean = title.replace(/\s+/g, ' ').trim().slice(0, 200);
    if (!conversation || clean === '') return;
    await this.conversations.save({ ...conversation, title: clean, titleSetByUser: true }, { touch: false });
    this.pushSession();
  }

  async remove(id: string): Promise<void> {
    if (this.answers.running?.conversationId === id || this.agent?.runningIn(id) === true) {
      this.stop();
      await this.whenIdle();
    }
    await this.conversations.remove(id);
    this.pushSession();
    this.pushTurns();
  }

  /** Sets the active conversation's model: only one the daemon lists, the webview's word alone is not enough. */
  async setModel(model: string): Promise<void> {
    await this.ready();
    const state = this.deps.env.connection();
    if (state.status === 'connected' && !findModel(state.models, model)) return;
    await this.conversations.save({ ...this.active(), model }, { touch: false });
    this.pushSession();
  }

  /** True when `code` is part of that turn's answer: only model output may reach the editor. */
  isFromAnswer(turnId: string, code: string): boolean {
    for (const conversation of this.conversations.all()) {
      const turn = this.withRuns(conversation).turns.find((t) => t.id === turnId);
      if (turn) return turn.role === 'assistant' && isCodeFromAnswer(turn.text, code);
    }
    return false;
  }

  dispose(): void {
    // The window is closing: what arrived is written, marked as cut off.
    this.answers.interrupt();
    this.agent?.interrupt();
    this.posted.dispose();
  }

  /** Answers in the mode the user picked: an agent run, or a chat answer. */
  private answer(conversation: Conversation, signal?: AbortSignal): Promise<StoredAssistantTurn | undefined> {
    if (this.agent && this.chatMode === 'agent') return this.agent.answer(conversation, signal);
    return this.answers.answer(conversation, signal);
  }

  private withRuns(conversation: Conversation): Conversation {
    return this.agent ? this.agent.withRun(this.answers.withRun(conversation)) : this.answers.withRun(conversation);
  }

  private pushTurns(): void {
    const active = this.active();
    this.emit({ type: 'chatTurns', conversationId: active.id, turns: active.turns.map(toViewTurn) });
  }

  /** Posts to the webview; false when it is not loaded. */
  private emit(message: HostToWebview): boolean {
    const delivered = this.deps.post(message);
    this.posted.fire(message);
    return delivered;
  }
}

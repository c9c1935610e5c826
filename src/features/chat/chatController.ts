import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { CharsPerTokenEstimator } from '../../core/completion/charsPerToken';
import { HEARTH_SYSTEM_PROMPT, assembleChatPrompt } from '../../core/chat/chatPrompt';
import { isCodeFromAnswer } from '../../core/chat/codeFromAnswer';
import type { ChatPrompt } from '../../core/chat/chatPrompt';
import { newConversation, titleFrom, toViewTurn } from '../../core/chat/conversation';
import type { Attachment, Conversation, StoredAssistantTurn, StoredTurn, StoredUserTurn } from '../../core/chat/conversation';
import type { ConversationStore } from '../../core/chat/conversationStore';
import type { Logger } from '../../core/logger';
import { findModel } from '../../core/modelName';
import type { OllamaFailure } from '../../ollama/ollamaFailure';
import type { ModelInfo } from '../../ollama/ollamaTypes';
import type { ChatBudget, ChatSession, ChatTurnError, HostToWebview } from '../../shared/protocol';
import type { HearthSettings } from '../../vscode/settings';
import type { ConnectionMonitor } from '../connection/connectionMonitor';
import type { InstructionsService } from '../instructions/instructionsService';
import { toInstructionsSummary } from '../instructions/instructionsSummary';
import type { ChatContextTracker } from './chatContextTracker';
import { toChatSession } from './chatSessionView';
import { DeltaBatcher } from './deltaBatcher';
import { streamAnswer } from './streamAnswer';
import type { AnswerDeps, AnswerOutcome } from './streamAnswer';

export interface ChatControllerDeps {
  readonly answers: AnswerDeps;
  readonly monitor: Pick<ConnectionMonitor, 'state'>;
  readonly instructions: Pick<InstructionsService, 'state' | 'systemText'>;
  readonly store: ConversationStore;
  readonly context: ChatContextTracker;
  readonly settings: () => HearthSettings;
  /** Remembers which conversation was open (workspace state). */
  readonly memento: vscode.Memento;
  readonly log: Logger;
  /** Posts to the webview; false when it is not loaded (it asks for everything when it loads). */
  readonly post: (message: HostToWebview) => boolean;
}

/** An answer streaming now. Its text lives here until it is written into the conversation. */
interface Run {
  readonly conversationId: string;
  readonly turn: StoredAssistantTurn;
  text: string;
  thinking: string;
  readonly abort: AbortController;
  readonly batcher: DeltaBatcher;
  readonly finished: Promise<void>;
}

const ACTIVE_KEY = 'hearth.chat.activeConversation';
/** A partial answer reaches the disk at least this often while it streams. */
const PERSIST_MS = 1000;

/**
 * The chat: conversations (loaded lazily, saved as they change), one
 * streaming answer at a time, and the webview kept in step. The user's
 * message is on disk before the request leaves; the answer is saved while it
 * streams and whatever happens (stop, error, crash) its text is kept.
 */
export class ChatController implements vscode.Disposable {
  private conversations = new Map<string, Conversation>();
  private activeId = '';
  private warnings: string[] = [];
  private loading: Promise<void> | undefined;
  private run: Run | undefined;
  private pendingCompose: string | undefined;
  private readonly estimator = new CharsPerTokenEstimator();
  private readonly posted = new vscode.EventEmitter<HostToWebview>();
  /** Every message sent to the webview (integration tests listen). */
  readonly onDidPost = this.posted.event;

  constructor(private readonly deps: ChatControllerDeps) {}

  /** Loads the store once; later calls wait for the same load. */
  ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  get streaming(): boolean {
    return this.run !== undefined;
  }

  /** Resolves when no answer is streaming. */
  async whenIdle(): Promise<void> {
    while (this.run) await this.run.finished;
  }

  /** The active conversation with any streaming text folded in. */
  active(): Conversation {
    return this.withRun(this.conversations.get(this.activeId) ?? this.createActive());
  }

  conversation(id: string): Conversation | undefined {
    const c = this.conversations.get(id);
    return c ? this.withRun(c) : undefined;
  }

  session(): ChatSession {
    const active = this.active();
    return toChatSession({
      conversations: [...this.conversations.values()].filter((c) => c.turns.length > 0).sort((a, b) => b.updatedAt - a.updatedAt),
      active,
      connection: this.deps.monitor.state,
      context: this.deps.context.chips(),
      budget: this.budget(active),
      instructions: toInstructionsSummary(this.deps.instructions.state),
      streaming: this.streaming,
      warnings: this.warnings,
    });
  }

  /** The webview (re)loaded: it gets the whole state, and streaming deltas continue from there. */
  async onViewReady(): Promise<void> {
    await this.ready();
    this.run?.batcher.discard();
    this.pushSession();
    this.pushTurns();
    if (this.pendingCompose !== undefined) this.compose(this.pendingCompose);
  }

  pushSession(): void {
    if (!this.loading) return;
    this.emit({ type: 'chatSession', session: this.session() });
  }

  async send(text: string, attachments: Attachment[] = this.deps.context.snapshot()): Promise<void> {
    await this.ready();
    if (this.run) {
      vscode.window.setStatusBarMessage('Hearth: wait for the answer to finish, or stop it first.', 3000);
      return;
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
    const next = await this.save({ ...conversation, ...(first ? { title: titleFrom(text) } : {}), turns: [...conversation.turns, question] });
    this.deps.context.clearFiles();
    this.emit({ type: 'chatTurn', conversationId: next.id, turn: toViewTurn(question) });
    await this.answer(next);
  }

  /** Puts `text` in the chat input (the webview asks for it again if it reloads before sending). */
  compose(text: string): void {
    this.pendingCompose = text;
    if (this.emit({ type: 'chatCompose', text })) this.pendingCompose = undefined;
  }

  stop(): void {
    this.run?.abort.abort();
  }

  /** Answers the question before `turnId` again, dropping that answer and anything after it. */
  async regenerate(turnId: string): Promise<void> {
    await this.ready();
    if (this.run) return;
    const conversation = this.active();
    const index = conversation.turns.findIndex((t) => t.id === turnId && t.role === 'assistant');
    if (index < 0) return;
    const next = await this.save({ ...conversation, turns: conversation.turns.slice(0, index) });
    this.pushTurns();
    await this.answer(next);
  }

  /** Replaces a question's text (keeping its attachments), drops what followed, asks again. */
  async editResend(turnId: string, text: string): Promise<void> {
    await this.ready();
    if (this.run) return;
    const conversation = this.active();
    const index = conversation.turns.findIndex((t) => t.id === turnId && t.role === 'user');
    const old = conversation.turns[index];
    if (!old || old.role !== 'user') return;
    const edited: StoredUserTurn = { ...old, id: randomUUID(), text, createdAt: Date.now() };
    const retitle = index === 0 && !conversation.titleSetByUser;
    const next = await this.save({ ...conversation, ...(retitle ? { title: titleFrom(text) } : {}), turns: [...conversation.turns.slice(0, index), edited] });
    this.pushTurns();
    await this.answer(next);
  }

  async newChat(): Promise<void> {
    await this.ready();
    if (this.active().turns.length > 0) this.createActive();
    this.pushSession();
    this.pushTurns();
  }

  async open(id: string): Promise<void> {
    await this.ready();
    if (!this.conversations.has(id)) return;
    this.setActive(id);
    this.pushSession();
    this.pushTurns();
  }

  async rename(id: string, title: string): Promise<void> {
    const conversation = this.conversation(id);
    const clean = title.replace(/\s+/g, ' ').trim().slice(0, 200);
    if (!conversation || clean === '') return;
    await this.save({ ...conversation, title: clean, titleSetByUser: true }, { touch: false });
    this.pushSession();
  }

  async remove(id: string): Promise<void> {
    if (this.run?.conversationId === id) {
      this.stop();
      await this.whenIdle();
    }
    this.conversations.delete(id);
    await this.deps.store.remove(id).catch((error: unknown) => this.warn(`Could not delete the conversation: ${String(error)}`));
    if (this.activeId === id) {
      const newest = [...this.conversations.values()].sort((a, b) => b.updatedAt - a.updatedAt)[0];
      if (newest) this.setActive(newest.id);
      else this.createActive();
    }
    this.pushSession();
    this.pushTurns();
  }

  async setModel(model: string): Promise<void> {
    await this.ready();
    const state = this.deps.monitor.state;
    // Only a model the daemon lists; the webview's word alone is not enough.
    if (state.status === 'connected' && !findModel(state.models, model)) return;
    const conversation = this.active();
    await this.save({ ...conversation, model }, { touch: false });
    this.pushSession();
  }

  /** True when `code` is part of that turn's answer: only model output may reach the editor. */
  isFromAnswer(turnId: string, code: string): boolean {
    for (const conversation of this.conversations.values()) {
      const turn = this.withRun(conversation).turns.find((t) => t.id === turnId);
      if (turn) return turn.role === 'assistant' && isCodeFromAnswer(turn.text, code);
    }
    return false;
  }

  dispose(): void {
    const run = this.run;
    if (run) {
      run.abort.abort();
      // The window is closing: write what arrived, marked as cut off.
      const conversation = this.conversations.get(run.conversationId);
      if (conversation) void this.deps.store.save(this.withRun(conversation, 'interrupted'));
    }
    this.posted.dispose();
  }

  private async load(): Promise<void> {
    try {
      const loaded = await this.deps.store.loadAll();
      this.conversations = new Map(loaded.conversations.map((c) => [c.id, c]));
      this.warnings = loaded.warnings;
      for (const warning of loaded.warnings) void vscode.window.showWarningMessage(`Hearth: ${warning}`);
    } catch (error) {
      this.warn(`Could not read the saved conversations: ${String(error)}`);
    }
    const remembered = this.deps.memento.get<string>(ACTIVE_KEY);
    const newest = [...this.conversations.values()][0];
    if (remembered && this.conversations.has(remembered)) this.activeId = remembered;
    else if (newest) this.activeId = newest.id;
    else this.createActive();
  }

  private createActive(): Conversation {
    const conversation = newConversation(randomUUID(), this.deps.settings().chat.model, Date.now());
    this.conversations.set(conversation.id, conversation);
    this.setActive(conversation.id);
    return conversation;
  }

  private setActive(id: string): void {
    // An empty conversation that is left behind is not worth keeping.
    const previous = this.conversations.get(this.activeId);
    if (previous && previous.id !== id && previous.turns.length === 0) this.conversations.delete(previous.id);
    this.activeId = id;
    void this.deps.memento.update(ACTIVE_KEY, id);
  }

  private async save(conversation: Conversation, options: { touch: boolean } = { touch: true }): Promise<Conversation> {
    const next = options.touch ? { ...conversation, updatedAt: Date.now() } : conversation;
    this.conversations.set(next.id, next);
    if (next.turns.length > 0) {
      try {
        await this.deps.store.save(next);
      } catch (error) {
        this.warn(`Could not save the conversation: ${String(error)}`);
      }
    }
    return next;
  }

  private async answer(conversation: Conversation): Promise<void> {
    const questionIndex = conversation.turns.length - 1;
    const question = conversation.turns[questionIndex];
    if (question?.role !== 'user') return;
    const model = conversation.model;
    const turn: StoredAssistantTurn = { id: randomUUID(), role: 'assistant', model, text: '', thinking: '', status: 'streaming', createdAt: Date.now() };
    const withTurn = await this.save({ ...conversation, turns: [...conversation.turns, turn] });
    this.emit({ type: 'chatTurn', conversationId: withTurn.id, turn });

    const contextTokens = this.contextTokens(model);
    const prompt = assembleChatPrompt({
      system: HEARTH_SYSTEM_PROMPT,
      instructions: await this.deps.instructions.systemText(),
      history: conversation.turns.slice(0, questionIndex),
      question: { text: question.text, attachments: question.attachments },
      contextTokens,
      charsPerToken: this.estimator.charsPerToken(model),
    });
    if (prompt.tooLong) {
      await this.settle(withTurn.id, turn, {
        status: 'error',
        error: {
          message: `This message and its attachments do not fit the model's context window (${contextTokens} tokens). Remove an attachment, shorten the message, or raise hearth.ollama.numCtx.`,
          actions: [{ id: 'openSettings', label: 'Open Settings' }],
        },
      });
      return;
    }
    if (prompt.droppedTurns > 0 || prompt.instructionsTrimmed || prompt.attachmentsTrimmed) this.logTrim(prompt, contextTokens);

    let finish: () => void = () => undefined;
    const run: Run = {
      conversationId: withTurn.id,
      turn,
      text: '',
      thinking: '',
      abort: new AbortController(),
      batcher: new DeltaBatcher((text, thinking) => this.emit({ type: 'chatDelta', conversationId: withTurn.id, turnId: turn.id, text, thinking })),
      finished: new Promise((resolve) => (finish = resolve)),
    };
    this.run = run;
    this.pushSession();
    const persist = setInterval(() => void this.persistRun(run), PERSIST_MS);
    const thinkingModel = this.modelInfo(model)?.capabilities.includes('thinking') ?? false;
    const promptChars = prompt.messages.reduce((n, m) => n + m.content.length, 0);
    let outcome: AnswerOutcome;
    try {
      outcome = await streamAnswer(this.deps.answers, { model, messages: prompt.messages, ...(thinkingModel ? { think: true } : {}) }, run.abort.signal, (text, thinking) => {
        run.text += text;
        run.thinking += thinking;
        run.batcher.add(text, thinking);
      });
    } finally {
      clearInterval(persist);
      run.batcher.flush();
    }
    if (outcome.status === 'done') this.estimator.observe(model, promptChars, outcome.stats.promptTokens, contextTokens);
    const settled: Partial<StoredAssistantTurn> =
      outcome.status === 'done'
        ? { status: 'done', stats: { promptTokens: outcome.stats.promptTokens, evalTokens: outcome.stats.evalTokens, totalMs: outcome.stats.totalMs, ...tokensPerSecond(outcome.stats) } }
        : outcome.status === 'stopped'
          ? { status: 'stopped' }
          : { status: 'error', error: turnError(outcome.failure) };
    this.run = undefined;
    await this.settle(withTurn.id, { ...turn, text: run.text, thinking: run.thinking }, settled);
    finish();
  }

  private async settle(conversationId: string, turn: StoredAssistantTurn, change: Partial<StoredAssistantTurn>): Promise<void> {
    const final: StoredAssistantTurn = { ...turn, ...change };
    const conversation = this.conversations.get(conversationId);
    if (conversation) await this.save(replaceTurn(conversation, final));
    this.emit({ type: 'chatTurn', conversationId, turn: final });
    this.pushSession();
  }

  private async persistRun(run: Run): Promise<void> {
    const conversation = this.conversations.get(run.conversationId);
    if (!conversation || this.run !== run) return;
    await this.deps.store.save(this.withRun(conversation)).catch((error: unknown) => this.deps.log.warn(`Chat: saving the partial answer failed: ${String(error)}`));
  }

  private withRun(conversation: Conversation, status?: StoredAssistantTurn['status']): Conversation {
    const run = this.run;
    if (!run || run.conversationId !== conversation.id) return conversation;
    return replaceTurn(conversation, { ...run.turn, text: run.text, thinking: run.thinking, ...(status ? { status } : {}) });
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

  private budget(conversation: Conversation): ChatBudget {
    const contextTokens = this.contextTokens(conversation.model);
    const prompt = assembleChatPrompt({
      system: HEARTH_SYSTEM_PROMPT,
      instructions: this.instructionsText(),
      history: conversation.turns,
      question: { text: '', attachments: this.deps.context.attachments() },
      contextTokens,
      charsPerToken: this.estimator.charsPerToken(conversation.model),
    });
    return { promptTokens: prompt.promptTokens, contextTokens, reservedTokens: prompt.reservedTokens, droppedTurns: prompt.droppedTurns };
  }

  /** The chain's text as resolved for the view (the same text systemText sends). */
  private instructionsText(): string {
    const state = this.deps.instructions.state;
    return state.status === 'ready' ? state.resolved.text : '';
  }

  private contextTokens(model: string): number {
    const numCtx = this.deps.settings().ollama.numCtx;
    const own = this.modelInfo(model)?.contextLength;
    return own !== undefined ? Math.min(numCtx, own) : numCtx;
  }

  private modelInfo(model: string): ModelInfo | undefined {
    const state = this.deps.monitor.state;
    return state.status === 'connected' ? findModel(state.models, model) : undefined;
  }

  private logTrim(prompt: ChatPrompt, contextTokens: number): void {
    const parts = [
      prompt.droppedTurns > 0 ? `${prompt.droppedTurns} oldest turn(s) left out` : '',
      prompt.instructionsTrimmed ? 'instructions trimmed from the root end' : '',
      prompt.attachmentsTrimmed ? 'attachments truncated' : '',
    ].filter(Boolean);
    this.deps.log.info(`Chat prompt fitted to ${contextTokens} tokens: ${parts.join(', ')} (≈${prompt.promptTokens} tokens sent).`);
  }

  private warn(message: string): void {
    this.deps.log.warn(`Chat: ${message}`);
    void vscode.window.showWarningMessage(`Hearth: ${message}`);
  }
}

function replaceTurn(conversation: Conversation, turn: StoredTurn): Conversation {
  return { ...conversation, turns: conversation.turns.map((t) => (t.id === turn.id ? turn : t)) };
}

function turnError(failure: OllamaFailure): ChatTurnError {
  const others = failure.actions.filter((a) => a.id !== 'retry');
  return { message: failure.message, actions: [{ id: 'retryTurn', label: 'Retry' }, ...others] };
}

function tokensPerSecond(stats: { evalTokens: number; evalMs: number }): { tokensPerSecond?: number } {
  return stats.evalMs > 0 ? { tokensPerSecond: Math.round((stats.evalTokens * 10_000) / stats.evalMs) / 10 } : {};
}

import { randomUUID } from 'node:crypto';
import { CharsPerTokenEstimator } from '../completion/charsPerToken';
import { tokensPerSecond } from '../engine/engineTypes';
import type { ModelInfo } from '../engine/engineTypes';
import type { OllamaFailure } from '../engine/ollamaFailure';
import type { Logger } from '../logger';
import { findModel } from '../modelName';
import { formatSize } from '../../shared/formatSize';
import type { ChatBudget, ChatTrim, ChatTurnError, HostToWebview } from '../../shared/protocol';
import { AnswerRun } from './answerRun';
import { chatTrace } from './chatTrace';
import type { AnswerResult } from './answerRun';
import { HEARTH_SYSTEM_PROMPT, assembleChatPrompt } from './chatPrompt';
import type { ChatPrompt } from './chatPrompt';
import type { AnswerEngine, ChatEnvironment, ChatInstructions } from './chatPorts';
import type { Attachment, Conversation, StoredAssistantTurn, StoredTurn } from './conversation';
import type { ConversationSet } from './conversationSet';
import { DeltaBatcher } from './deltaBatcher';

/** The answer streaming now, in the conversation it belongs to. */
export interface RunningAnswer {
  readonly conversationId: string;
  readonly turn: StoredAssistantTurn;
  readonly run: AnswerRun;
  readonly batcher: DeltaBatcher;
  readonly finished: Promise<StoredAssistantTurn>;
}

export interface AnswerTurnsDeps {
  readonly engine: AnswerEngine;
  readonly env: ChatEnvironment;
  readonly log: Logger;
  readonly conversations: ConversationSet;
  readonly emit: (message: HostToWebview) => boolean;
  readonly pushSession: () => void;
}

/** A partial answer reaches the disk at least this often while it streams. */
const PERSIST_MS = 1000;

/**
 * Answers the question a conversation ends with: adds the assistant turn,
 * builds the request within the context window from the same instructions
 * and estimate the view shows, streams it (deltas batched to the webview,
 * the partial text saved every second) and settles the turn with how it
 * ended. One answer at a time.
 */
export class AnswerTurns {
  private current: RunningAnswer | undefined;
  private readonly estimator = new CharsPerTokenEstimator();

  constructor(private readonly deps: AnswerTurnsDeps) {}

  get running(): RunningAnswer | undefined {
    return this.current;
  }

  async whenIdle(): Promise<void> {
    while (this.current) await this.current.finished;
  }

  /** The estimate of the next request for `conversation`, as the view shows it. */
  budget(conversation: Conversation, attachments: readonly Attachment[], instructions: ChatInstructions): ChatBudget {
    const model = conversation.model;
    const prompt = this.prompt(model, conversation.turns, { text: '', attachments }, instructions);
    return {
      promptTokens: prompt.promptTokens,
      contextTokens: this.contextTokens(model),
      reservedTokens: prompt.reservedTokens,
      droppedTurns: prompt.droppedTurns,
      trimmedAttachments: prompt.trimmedAttachments,
      instructionsTrimmed: prompt.instructionsTrimmed,
      charsPerToken: this.estimator.charsPerToken(model),
    };
  }

  /** `conversation` with the streaming text folded into its answer turn. */
  withRun(conversation: Conversation, status?: StoredAssistantTurn['status']): Conversation {
    const running = this.current;
    if (!running || running.conversationId !== conversation.id) return conversation;
    return replaceTurn(conversation, { ...running.turn, text: running.run.text, thinking: running.run.thinking, ...(status ? { status } : {}) });
  }

  /** The webview reloads and gets the whole turn: text not yet delivered would arrive twice. */
  discardUndelivered(): void {
    this.current?.batcher.discard();
  }

  /** Stops the answer and writes what arrived, marked as cut off (the window is closing). */
  interrupt(): void {
    const running = this.current;
    if (!running) return;
    running.run.stop();
    const conversation = this.deps.conversations.get(running.conversationId);
    if (conversation) void this.deps.conversations.write(this.withRun(conversation, 'interrupted'));
  }

  /** Answers the last turn of `conversation` (a question); resolves with the settled answer. */
  async answer(conversation: Conversation, signal?: AbortSignal): Promise<StoredAssistantTurn | undefined> {
    const questionIndex = conversation.turns.length - 1;
    const question = conversation.turns[questionIndex];
    if (question?.role !== 'user') return undefined;
    const model = conversation.model;
    let turn: StoredAssistantTurn = { id: randomUUID(), role: 'assistant', model, text: '', thinking: '', status: 'streaming', createdAt: Date.now() };
    const withTurn = await this.deps.conversations.save({ ...conversation, turns: [...conversation.turns, turn] });
    this.deps.emit({ type: 'chatTurn', conversationId: withTurn.id, turn });

    // Read once, after the last wait: the request carries exactly what the session pushed below shows.
    const instructions = this.deps.env.instructions();
    const contextTokens = this.contextTokens(model);
    const prompt = this.prompt(model, conversation.turns.slice(0, questionIndex), question, instructions);
    if (prompt.tooLong) {
      return this.settle(withTurn.id, turn, {
        status: 'error',
        error: {
          message: `This message and its attachments do not fit the model's context window (${contextTokens} tokens). Remove an attachment, shorten the message, or raise hearth.ollama.numCtx.`,
          actions: [{ id: 'openSettings', label: 'Open Settings' }],
        },
      });
    }
    const trim = trimOf(prompt, contextTokens);
    if (trim) {
      // Shown now, before the answer starts, with the answer it shapes (and kept with it on disk).
      turn = { ...turn, trim };
      this.deps.emit({ type: 'chatTurn', conversationId: withTurn.id, turn });
      this.logTrim(prompt, contextTokens);
    }

    const thinking = this.modelInfo(model)?.capabilities.includes('thinking') ?? false;
    const batcher = new DeltaBatcher((text, thought) => this.deps.emit({ type: 'chatDelta', conversationId: withTurn.id, turnId: turn.id, text, thinking: thought }));
    const request = { model, messages: prompt.messages, ...(thinking ? { think: true } : {}) };
    const trace = chatTrace(turn.id, prompt, conversation.turns.slice(0, questionIndex), contextTokens);
    const run = new AnswerRun(this.deps.engine, request, (text, thought) => batcher.add(text, thought), signal, this.deps.env.maxReplyBytes(), trace);
    let finish: (turn: StoredAssistantTurn) => void = () => undefined;
    const running: RunningAnswer = { conversationId: withTurn.id, turn, run, batcher, finished: new Promise((resolve) => (finish = resolve)) };
    this.current = running;
    this.deps.pushSession();
    const persist = setInterval(() => void this.persist(running), PERSIST_MS);
    let result: AnswerResult;
    try {
      result = await run.run();
    } finally {
      clearInterval(persist);
      batcher.flush();
    }
    if (result.outcome.status === 'done') {
      const promptChars = prompt.messages.reduce((n, m) => n + m.content.length, 0);
      this.estimator.observe(model, promptChars, result.outcome.stats.promptTokens, contextTokens);
    }
    this.current = undefined;
    const settled = await this.settle(withTurn.id, { ...turn, text: result.text, thinking: result.thinking }, settledFields(result));
    finish(settled);
    return settled;
  }

  private prompt(model: string, history: readonly StoredTurn[], question: { readonly text: string; readonly attachments: readonly Attachment[] }, instructions: ChatInstructions): ChatPrompt {
    return assembleChatPrompt({
      system: HEARTH_SYSTEM_PROMPT,
      instructions: instructions.text,
      history,
      question: { text: question.text, attachments: question.attachments },
      contextTokens: this.contextTokens(model),
      charsPerToken: this.estimator.charsPerToken(model),
    });
  }

  private async settle(conversationId: string, turn: StoredAssistantTurn, change: Partial<StoredAssistantTurn>): Promise<StoredAssistantTurn> {
    const final: StoredAssistantTurn = { ...turn, ...change };
    const conversation = this.deps.conversations.get(conversationId);
    if (conversation) await this.deps.conversations.save(replaceTurn(conversation, final));
    this.deps.emit({ type: 'chatTurn', conversationId, turn: final });
    this.deps.pushSession();
    return final;
  }

  private async persist(running: RunningAnswer): Promise<void> {
    const conversation = this.deps.conversations.get(running.conversationId);
    if (!conversation || this.current !== running) return;
    await this.deps.conversations.write(this.withRun(conversation));
  }

  /** num_ctx, capped by the model's own context length. */
  private contextTokens(model: string): number {
    const numCtx = this.deps.env.numCtx();
    const own = this.modelInfo(model)?.contextLength;
    return own !== undefined ? Math.min(numCtx, own) : numCtx;
  }

  private modelInfo(model: string): ModelInfo | undefined {
    const state = this.deps.env.connection();
    return state.status === 'connected' ? findModel(state.models, model) : undefined;
  }

  private logTrim(prompt: ChatPrompt, contextTokens: number): void {
    const parts = [
      prompt.droppedTurns > 0 ? `${prompt.droppedTurns} oldest turn(s) left out` : '',
      prompt.instructionsTrimmed ? 'instructions trimmed from the root end' : '',
      prompt.trimmedAttachments.length > 0 ? `attachments truncated (${prompt.trimmedAttachments.join(', ')})` : '',
    ].filter(Boolean);
    this.deps.log.info(`Chat prompt fitted to ${contextTokens} tokens: ${parts.join(', ')} (≈${prompt.promptTokens} tokens sent).`);
  }
}

/** What had to give for `prompt` to fit, or undefined when it went whole. */
function trimOf(prompt: ChatPrompt, contextTokens: number): ChatTrim | undefined {
  if (prompt.droppedTurns === 0 && !prompt.instructionsTrimmed && prompt.trimmedAttachments.length === 0) return undefined;
  return { contextTokens, droppedTurns: prompt.droppedTurns, attachments: prompt.trimmedAttachments, instructions: prompt.instructionsTrimmed };
}

function settledFields(result: AnswerResult): Partial<StoredAssistantTurn> {
  const { outcome } = result;
  switch (outcome.status) {
    case 'done': {
      const rate = tokensPerSecond(outcome.stats);
      const { promptTokens, evalTokens, totalMs } = outcome.stats;
      return { status: 'done', stats: { promptTokens, evalTokens, totalMs, ...(rate !== undefined ? { tokensPerSecond: Math.round(rate * 10) / 10 } : {}) } };
    }
    case 'stopped':
      return { status: 'stopped' };
    case 'capped':
      return {
        status: 'error',
        error: {
          message: `Stopped at ${formatSize(outcome.limitBytes)}: this answer passed the reply cap (hearth.chat.maxReplyBytes). What arrived is kept above.`,
          actions: [{ id: 'openSettings', label: 'Open Settings' }],
        },
      };
    case 'error':
      return { status: 'error', error: turnError(outcome.failure) };
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

function replaceTurn(conversation: Conversation, turn: StoredTurn): Conversation {
  return { ...conversation, turns: conversation.turns.map((t) => (t.id === turn.id ? turn : t)) };
}

/** The failure's actions, with Retry meaning "answer this turn again" rather than "reconnect". */
function turnError(failure: OllamaFailure): ChatTurnError {
  const others = failure.actions.filter((a) => a.id !== 'retry');
  return { message: failure.message, actions: [{ id: 'retryTurn', label: 'Retry' }, ...others] };
}

import { randomUUID } from 'node:crypto';
import type { ChatEnvironment } from '../chat/chatPorts';
import { toViewTurn } from '../chat/conversation';
import type { Conversation, StoredAssistantTurn, StoredTurn, StoredUserTurn } from '../chat/conversation';
import type { ConversationSet } from '../chat/conversationSet';
import { CharsPerTokenEstimator } from '../completion/charsPerToken';
import type { Logger } from '../logger';
import { findModel } from '../modelName';
import type { AgentDecision } from '../../shared/agentView';
import type { HostToWebview } from '../../shared/protocol';
import type { AgentRuntime } from './agentPorts';
import { runAgent } from './agentRun';
import { EMPTY_RUN_VIEW, applyAgentEvent, approvalView, mergeChange, settleRunView } from './agentRunView';
import type { AgentEvent, AgentModelServer, ApprovalDecision, ApprovalRequest, FileChange } from './agentTypes';
import type { RunRecord } from './runRecord';
import { undoChanges } from './runUndo';
import { DEFAULT_TOOL_LIMITS } from './toolRunner';
import { verifyCommandsFrom } from './verifyCommands';

export interface AgentTurnsDeps {
  readonly runtime: AgentRuntime;
  readonly env: ChatEnvironment;
  readonly log: Logger;
  readonly conversations: ConversationSet;
  readonly emit: (message: HostToWebview) => boolean;
  readonly pushSession: () => void;
}

/** The run going on now: its turn (the view folded in), its Stop, the step waiting for the user. */
interface RunningAgent {
  readonly conversationId: string;
  turn: StoredAssistantTurn;
  readonly controller: AbortController;
  pending?: { readonly request: ApprovalRequest; readonly decide: (decision: ApprovalDecision) => void };
  readonly finished: Promise<unknown>;
}

/** A run's state reaches the disk at least this often; a file change or a question to the user at once. */
const PERSIST_MS = 1000;
/** Streamed model text reaches the view at most this often. */
const TEXT_POST_MS = 50;

/**
 * Agent mode in a conversation: the question becomes a run (core/agent's
 * runAgent) whose steps stream into an assistant turn as cards, whose edits
 * and commands wait for the user's decision in the view, and whose changes are
 * kept with the turn (crash-safe, as chat answers are) so Undo works after a
 * reload. One run at a time, and never beside a chat answer.
 */
export class AgentTurns {
  private current: RunningAgent | undefined;
  private readonly estimator = new CharsPerTokenEstimator();
  private textTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: AgentTurnsDeps) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  async whenIdle(): Promise<void> {
    while (this.current) await this.current.finished;
  }

  runningIn(conversationId: string): boolean {
    return this.current?.conversationId === conversationId;
  }

  /** `conversation` with the running turn's latest view folded in. */
  withRun(conversation: Conversation): Conversation {
    const running = this.current;
    return running?.conversationId === conversation.id ? replaceTurn(conversation, running.turn) : conversation;
  }

  /** Stop: the model request is closed, a running command's process tree killed, a pending question dropped. */
  stop(): void {
    this.current?.controller.abort();
  }

  /** The window is closing: the run stops and what it did is written, marked as cut off. */
  interrupt(): void {
    const running = this.current;
    if (!running) return;
    running.controller.abort();
    const conversation = this.deps.conversations.get(running.conversationId);
    if (conversation) void this.deps.conversations.write(replaceTurn(conversation, { ...running.turn, status: 'interrupted' }));
  }

  /** Runs the question `conversation` ends with as an agent task; resolves with the settled turn. */
  async answer(conversation: Conversation, signal?: AbortSignal): Promise<StoredAssistantTurn | undefined> {
    const question = conversation.turns.at(-1);
    const { runtime, env } = this.deps;
    const workspace = runtime.trusted() ? runtime.workspace() : undefined;
    if (question?.role !== 'user' || !workspace || this.current) return undefined;
    const model = conversation.model;
    const turn: StoredAssistantTurn = { id: randomUUID(), role: 'assistant', model, text: '', thinking: '', status: 'streaming', createdAt: Date.now(), agent: EMPTY_RUN_VIEW };
    const withTurn = await this.deps.conversations.save({ ...conversation, turns: [...conversation.turns, turn] });
    this.deps.emit({ type: 'chatTurn', conversationId: withTurn.id, turn: toViewTurn(turn) });

    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort);
    let done: () => void = () => undefined;
    const running: RunningAgent = { conversationId: withTurn.id, turn, controller, finished: new Promise<void>((resolve) => (done = resolve)) };
    this.current = running;
    this.deps.pushSession();
    const persist = setInterval(() => void this.persist(running), PERSIST_MS);
    const instructions = env.instructions();
    const settings = runtime.settings();
    let changes: readonly FileChange[] = [];
    let record: RunRecord;
    try {
      record = await runAgent({
        id: turn.id,
        task: taskText(question),
        model,
        instructions: instructions.text,
        verifyCommands: verifyCommandsFrom(instructions.text),
        server: arbitrated(runtime),
        executor: workspace.executor,
        approve: (request, abort) => this.ask(running, request, abort),
        onEvent: (event) => {
          if (event.kind === 'fileChanged') changes = mergeChange(changes, event.change);
          this.update(running, event, changes);
        },
        signal: controller.signal,
        contextTokens: this.contextTokens(model),
        charsPerToken: this.estimator.charsPerToken(model),
        approval: { autoApproveEdits: settings.autoApproveEdits },
        allowedCommands: allowedIn(conversation),
        workspaceRoot: workspace.root,
        options: { maxSteps: settings.maxSteps, tokenBudget: settings.tokenBudget, tools: { ...DEFAULT_TOOL_LIMITS, commandTimeoutMs: settings.commandTimeoutMs, commandOutputChars: settings.commandOutputChars } },
      });
    } finally {
      clearInterval(persist);
      clearTimeout(this.textTimer);
      signal?.removeEventListener('abort', onAbort);
    }
    this.current = undefined;
    const settled: StoredAssistantTurn = { ...running.turn, ...settledFields(record), agent: settleRunView(running.turn.agent ?? EMPTY_RUN_VIEW, record.outcome, record.tokensSent), agentChanges: record.changes, agentAllowed: record.allowedCommands };
    const latest = this.deps.conversations.get(withTurn.id);
    if (latest) await this.deps.conversations.save(replaceTurn(latest, settled));
    this.deps.emit({ type: 'chatTurn', conversationId: withTurn.id, turn: toViewTurn(settled) });
    this.deps.pushSession();
    done();
    this.deps.log.info(`Agent run ${turn.id}: ${record.outcome.kind}, ${record.toolSteps.length} tool steps, ${record.changes.length} files changed, ≈${record.tokensSent} prompt tokens.`);
    return settled;
  }

  /** The user's answer to the step the run waits on; false when that is not the step waiting (a stale or forged message). */
  decide(turnId: string, stepId: number, decision: AgentDecision): boolean {
    const running = this.current;
    const pending = running?.pending;
    if (!running || !pending || running.turn.id !== turnId || pending.request.stepId !== stepId) return false;
    const remember = decision === 'approveAlways' && pending.request.kind === 'command';
    pending.decide(decision === 'reject' ? { approved: false } : { approved: true, ...(remember ? { rememberCommand: true } : {}) });
    // The question leaves the view at once: a second click cannot answer the next one by accident.
    const { pending: _answered, ...agent } = running.turn.agent ?? EMPTY_RUN_VIEW;
    running.turn = { ...running.turn, agent };
    this.post(running);
    return true;
  }

  /** Opens the diff of the edit waiting for approval (stepId > 0) or of a change the run made to `path` (stepId 0). */
  async showDiff(turnId: string, stepId: number, path: string): Promise<void> {
    const running = this.current;
    const request = running?.turn.id === turnId ? running.pending?.request : undefined;
    if (stepId > 0) {
      if (request?.kind !== 'edit' || request.stepId !== stepId) return;
      await this.deps.runtime.showDiff(request.path, request.before ?? '', request.after, `${request.path} (proposed by the agent)`);
      return;
    }
    const change = this.findTurn(turnId)?.turn.agentChanges?.find((c) => c.path === path);
    if (change) await this.deps.runtime.showDiff(change.path, change.before ?? '', change.after, `${change.path} (changed by the agent run)`);
  }

  /** Restores the files a run changed and deletes those it created; resolves with what could not be undone. */
  async undo(turnId: string): Promise<readonly string[]> {
    const found = this.findTurn(turnId);
    const workspace = this.deps.runtime.trusted() ? this.deps.runtime.workspace() : undefined;
    if (!found || !workspace || this.current?.turn.id === turnId || found.turn.agent?.undo || !found.turn.agentChanges) return ['Nothing to undo.'];
    const problems = await undoChanges(workspace, found.turn.agentChanges, new AbortController().signal);
    const agent = { ...(found.turn.agent ?? EMPTY_RUN_VIEW), undo: { state: 'undone' as const, at: Date.now(), problems } };
    const turn: StoredAssistantTurn = { ...found.turn, agent };
    await this.deps.conversations.save(replaceTurn(found.conversation, turn), { touch: false });
    this.deps.emit({ type: 'chatTurn', conversationId: found.conversation.id, turn: toViewTurn(turn) });
    return problems;
  }

  private findTurn(turnId: string): { conversation: Conversation; turn: StoredAssistantTurn } | undefined {
    for (const conversation of this.deps.conversations.all()) {
      const turn = conversation.turns.find((t): t is StoredAssistantTurn => t.id === turnId && t.role === 'assistant');
      if (turn) return { conversation, turn };
    }
    return undefined;
  }

  private ask(running: RunningAgent, request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        running.pending = undefined;
        reject(signal.reason instanceof Error ? signal.reason : new Error('stopped'));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      running.pending = {
        request,
        decide: (decision) => {
          signal.removeEventListener('abort', onAbort);
          running.pending = undefined;
          resolve(decision);
        },
      };
      running.turn = { ...running.turn, agent: { ...(running.turn.agent ?? EMPTY_RUN_VIEW), pending: approvalView(request) } };
      this.post(running);
      void this.persist(running);
    });
  }

  private update(running: RunningAgent, event: AgentEvent, changes: readonly FileChange[]): void {
    const agent = applyAgentEvent(running.turn.agent ?? EMPTY_RUN_VIEW, event);
    // The turn's text is the final answer only; what the model writes between steps shows in its step's card.
    running.turn = { ...running.turn, agent, ...(event.kind === 'fileChanged' ? { agentChanges: changes } : {}) };
    // Undo must survive a crash right after a write: the change is on disk before the next step.
    if (event.kind === 'fileChanged') void this.persist(running);
    if (event.kind !== 'modelText') {
      this.post(running);
      return;
    }
    this.textTimer ??= setTimeout(() => {
      this.textTimer = undefined;
      if (this.current === running) this.post(running);
    }, TEXT_POST_MS);
  }

  private post(running: RunningAgent): void {
    this.deps.emit({ type: 'chatTurn', conversationId: running.conversationId, turn: toViewTurn(running.turn) });
  }

  private async persist(running: RunningAgent): Promise<void> {
    const conversation = this.deps.conversations.get(running.conversationId);
    if (conversation && this.current === running) await this.deps.conversations.write(replaceTurn(conversation, running.turn));
  }

  private contextTokens(model: string): number {
    const numCtx = this.deps.env.numCtx();
    const state = this.deps.env.connection();
    const own = state.status === 'connected' ? findModel(state.models, model)?.contextLength : undefined;
    return own !== undefined ? Math.min(numCtx, own) : numCtx;
  }
}

/** Model requests hold the chat's slot on the daemon while they stream, and only then: a command or a question to the user does not block completions. */
function arbitrated(runtime: AgentRuntime): AgentModelServer {
  return {
    async *chatWithTools(request, signal) {
      const hold = runtime.beginChatStream();
      try {
        yield* runtime.server.chatWithTools(request, signal);
      } finally {
        hold.dispose();
      }
    },
  };
}

/** The question and what was attached to it, as the run's task. */
function taskText(question: StoredUserTurn): string {
  const attached = question.attachments.map((a) => `\n\nAttached ${a.chip.label} (${a.chip.path}):\n\`\`\`${a.languageId}\n${a.text}\n\`\`\``);
  return question.text + attached.join('');
}

/** Command lines the user allowed earlier in this conversation. */
function allowedIn(conversation: Conversation): string[] {
  return [...new Set(conversation.turns.flatMap((t) => (t.role === 'assistant' ? t.agentAllowed ?? [] : [])))];
}

function settledFields(record: RunRecord): Partial<StoredAssistantTurn> {
  const { outcome } = record;
  switch (outcome.kind) {
    case 'answered':
      return { status: 'done', text: outcome.answer };
    case 'cancelled':
      return { status: 'stopped' };
    case 'needsUser':
      return { status: 'done', text: `${outcome.message} What should happen next?` };
    case 'failed':
      return { status: 'error', error: { message: outcome.error, actions: [{ id: 'retryTurn', label: 'Retry' }] } };
  }
}

function replaceTurn(conversation: Conversation, turn: StoredTurn): Conversation {
  return { ...conversation, turns: conversation.turns.map((t) => (t.id === turn.id ? turn : t)) };
}

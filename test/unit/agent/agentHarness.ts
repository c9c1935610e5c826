import type { AgentEvent, AgentMessage, ApprovalDecision, ApprovalRequest, ChatStreamFn, ModelChunk } from '../../../src/core/agent/agentTypes';
import { runAgent } from '../../../src/core/agent/agentRun';
import type { AgentOptions, AgentRunInputs } from '../../../src/core/agent/agentRun';
import type { RunRecord } from '../../../src/core/agent/runRecord';
import { verifyCommandsFrom } from '../../../src/core/agent/verifyCommands';
import { MemoryExecutor } from '../../fakes/memoryExecutor';

/** A model reply: text, or native calls, or both. */
export interface Reply { text?: string; calls?: { name: string; args: unknown }[]; thinking?: string }

export const call = (name: string, args: unknown): Reply => ({ calls: [{ name, args }] });
export const say = (text: string): Reply => ({ text });

/** A model scripted as a function of what it is sent; records every request. */
export function scriptedModel(next: (messages: readonly AgentMessage[], turn: number) => Reply): { chat: ChatStreamFn; requests: AgentMessage[][]; signals: AbortSignal[] } {
  const requests: AgentMessage[][] = [];
  const signals: AbortSignal[] = [];
  const chat: ChatStreamFn = async function* (request, signal) {
    requests.push([...request.messages]);
    signals.push(signal);
    const reply = next(request.messages, requests.length - 1);
    const chunks: ModelChunk[] = [];
    if (reply.thinking) chunks.push({ kind: 'thinking', text: reply.thinking });
    if (reply.text) chunks.push({ kind: 'text', text: reply.text });
    if (reply.calls) chunks.push({ kind: 'toolCalls', calls: reply.calls.map((c, index) => ({ function: { index, name: c.name, arguments: c.args } })) });
    await Promise.resolve();
    signal.throwIfAborted();
    yield* chunks;
    yield { kind: 'done', stats: { promptTokens: 0, evalTokens: 10, doneReason: 'stop' } };
  };
  return { chat, requests, signals };
}

/** Replies in order; after the list, the last one again. */
export function sequence(...replies: Reply[]): (messages: readonly AgentMessage[], turn: number) => Reply {
  return (_m, turn) => replies[Math.min(turn, replies.length - 1)] ?? say('done');
}

export interface Harness {
  record: RunRecord;
  events: AgentEvent[];
  approvals: ApprovalRequest[];
  executor: MemoryExecutor;
  requests: AgentMessage[][];
}

export async function run(
  next: (messages: readonly AgentMessage[], turn: number) => Reply,
  setup: {
    files?: Record<string, string>;
    commands?: ConstructorParameters<typeof MemoryExecutor>[1];
    decide?: (request: ApprovalRequest) => ApprovalDecision | Promise<ApprovalDecision>;
    agentsMd?: string;
    options?: Partial<AgentOptions>;
    contextTokens?: number;
    autoApproveEdits?: boolean;
    allowedCommands?: string[];
    signal?: AbortSignal;
  } = {},
): Promise<Harness> {
  const model = scriptedModel(next);
  const executor = new MemoryExecutor(setup.files ?? {}, setup.commands ?? {});
  const events: AgentEvent[] = [];
  const approvals: ApprovalRequest[] = [];
  let clock = 1_000;
  const inputs: AgentRunInputs = {
    id: 'run-1',
    task: 'Fix the failing test.',
    model: 'qwen2.5-coder:7b',
    instructions: setup.agentsMd ?? '',
    verifyCommands: verifyCommandsFrom(setup.agentsMd ?? ''),
    chat: model.chat,
    executor,
    approve: async (request) => {
      approvals.push(request);
      return (await setup.decide?.(request)) ?? { approved: true };
    },
    onEvent: (e) => events.push(e),
    signal: setup.signal ?? new AbortController().signal,
    contextTokens: setup.contextTokens ?? 8192,
    charsPerToken: 3.5,
    approval: { autoApproveEdits: setup.autoApproveEdits ?? false },
    ...(setup.allowedCommands ? { allowedCommands: setup.allowedCommands } : {}),
    options: setup.options ?? {},
    now: () => (clock += 5),
  };
  const record = await runAgent(inputs);
  return { record, events, approvals, executor, requests: model.requests };
}

/** The text of the last message of a given role in a request. */
export function lastOf(messages: readonly AgentMessage[], role: AgentMessage['role']): string {
  return [...messages].reverse().find((m) => m.role === role)?.content ?? '';
}

import type { AgentEvent, AgentModelServer, ApprovalDecision, ApprovalRequest } from '../../../../src/core/agent/agentTypes';
import type { ChatMessage, ToolStreamEvent } from '../../../../src/core/engine/engineTypes';
import { runAgent } from '../../../../src/core/agent/agentRun';
import type { AgentOptions, AgentRunInputs } from '../../../../src/core/agent/agentRun';
import type { RunRecord } from '../../../../src/core/agent/runRecord';
import { verifyCommandsFrom } from '../../../../src/core/agent/verifyCommands';
import { MemoryExecutor } from '../../../fakes/memoryExecutor';

/** A model reply: text, or native calls, or both. */
export interface Reply { text?: string; calls?: { name: string; args: unknown }[]; thinking?: string }

export const call = (name: string, args: unknown): Reply => ({ calls: [{ name, args }] });
export const say = (text: string): Reply => ({ text });

/** The final chunk of a reply, with the token counts the run reads. */
export function doneEvent(promptTokens: number, evalTokens: number): ToolStreamEvent {
  return { kind: 'done', stats: { doneReason: 'stop', totalMs: 0, loadMs: 0, promptTokens, promptEvalMs: 0, evalTokens, evalMs: 0 } };
}

/** A model scripted as a function of what it is sent; records every request. */
export function scriptedModel(next: (messages: readonly ChatMessage[], turn: number) => Reply): { server: AgentModelServer; requests: ChatMessage[][]; signals: AbortSignal[] } {
  const requests: ChatMessage[][] = [];
  const signals: AbortSignal[] = [];
  const chatWithTools: AgentModelServer['chatWithTools'] = async function* (request, signal) {
    requests.push([...request.messages]);
    signals.push(signal);
    const reply = next(request.messages, requests.length - 1);
    const chunks: ToolStreamEvent[] = [];
    if (reply.thinking) chunks.push({ kind: 'thinking', text: reply.thinking });
    if (reply.text) chunks.push({ kind: 'text', text: reply.text });
    if (reply.calls) chunks.push({ kind: 'toolCalls', calls: reply.calls.map((c, index) => ({ function: { index, name: c.name, arguments: c.args } })) });
    await Promise.resolve();
    signal.throwIfAborted();
    yield* chunks;
    yield doneEvent(0, 10);
  };
  return { server: { chatWithTools }, requests, signals };
}

/** Replies in order; after the list, the last one again. */
export function sequence(...replies: Reply[]): (messages: readonly ChatMessage[], turn: number) => Reply {
  return (_m, turn) => replies[Math.min(turn, replies.length - 1)] ?? say('done');
}

export interface Harness {
  record: RunRecord;
  events: AgentEvent[];
  approvals: ApprovalRequest[];
  executor: MemoryExecutor;
  requests: ChatMessage[][];
}

export async function run(
  next: (messages: readonly ChatMessage[], turn: number) => Reply,
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
    server: model.server,
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
export function lastOf(messages: readonly ChatMessage[], role: ChatMessage['role']): string {
  return [...messages].reverse().find((m) => m.role === role)?.content ?? '';
}

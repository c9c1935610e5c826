import { agentSystemPrompt } from './agentPrompt';
import { toolSpecs } from './agentTools';
import type { AssistantToolCall, ChatMessage } from '../engine/engineTypes';
import type { AgentEvent, AgentModelServer, ApproveFn, RunOutcome, StopReason, ToolExecutor } from './agentTypes';
import type { ApprovalSettings } from './approvalPolicy';
import { resolveTurnCalls } from './callResolution';
import type { ResolvedCall } from './callResolution';
import { fitContext, messageTokens, promptBudget } from './contextBudget';
import type { ContextEntry } from './contextBudget';
import { DEFAULT_LOOP_LIMITS, LoopGuard, callSignature } from './loopGuard';
import type { LoopGuardLimits } from './loopGuard';
import { streamModelTurn } from './modelTurn';
import { RunRecorder } from './runRecord';
import type { RunRecord } from './runRecord';
import { callLabel, DEFAULT_TOOL_LIMITS } from './toolRunner';
import type { ToolLimits } from './toolRunner';
import { runToolStep } from './toolStep';
import type { VerifyCommand } from './verifyCommands';
import { correctionFor, nudgeFor } from './agentNudges';
import { agentStepOriginId } from '../inspector/requestTrace';
import type { RequestTrace, TrimNote } from '../inspector/requestTrace';

export interface AgentOptions {
  /** Hearth's repair of small models' calls (text calls, names, arguments). */
  readonly repair: boolean;
  /** Loop guard, context fitting, nudges after ignored errors and unverified edits. */
  readonly guards: boolean;
  /** Tool steps per run (a setting). */
  readonly maxSteps: number;
  /** Prompt tokens per run, all requests together (a setting). */
  readonly tokenBudget: number;
  readonly loop: LoopGuardLimits;
  readonly tools: ToolLimits;
}

export const DEFAULT_AGENT_OPTIONS: AgentOptions = { repair: true, guards: true, maxSteps: 25, tokenBudget: 400_000, loop: DEFAULT_LOOP_LIMITS, tools: DEFAULT_TOOL_LIMITS };

export interface AgentRunInputs {
  readonly id: string;
  readonly task: string;
  readonly model: string;
  /** The AGENTS.md chain as chat sends it ('' when none applies, or in an untrusted workspace). */
  readonly instructions: string;
  /** Parsed from the nearest AGENTS.md (verifyCommandsFrom). */
  readonly verifyCommands: readonly VerifyCommand[];
  /** Asked once per model turn with `model`, the fitted messages and the tools. */
  readonly server: AgentModelServer;
  readonly executor: ToolExecutor;
  readonly approve: ApproveFn;
  readonly onEvent: (event: AgentEvent) => void;
  readonly signal: AbortSignal;
  readonly contextTokens: number;
  readonly charsPerToken: number;
  readonly approval: ApprovalSettings;
  /** Commands allowed earlier in this conversation (RunRecord.allowedCommands of the previous run). */
  readonly allowedCommands?: readonly string[];
  readonly workspaceRoot?: string;
  readonly options?: Partial<AgentOptions>;
  readonly now?: () => number;
}

/**
 * One agent run: model turns and tool steps until the model answers, the
 * user stops it (AbortSignal), or a guard stops it and asks the user. Never
 * throws for the model's or a tool's faults; every path ends in a record.
 */
export async function runAgent(inputs: AgentRunInputs): Promise<RunRecord> {
  const options: AgentOptions = { ...DEFAULT_AGENT_OPTIONS, ...inputs.options };
  const now = inputs.now ?? Date.now;
  const startedAt = now();
  const recorder = new RunRecorder(inputs.onEvent, now);
  const allowed = new Set(inputs.allowedCommands ?? []);
  const tools = toolSpecs();
  const limits = { contextTokens: inputs.contextTokens, charsPerToken: inputs.charsPerToken, toolSchemaChars: JSON.stringify(tools).length };
  // A file read may take a third of the window, so one read cannot crowd out the task.
  const toolLimits: ToolLimits = { ...options.tools, readCapChars: Math.min(options.tools.readCapChars, Math.floor((promptBudget(limits) * inputs.charsPerToken) / 3)) };
  const guard = new LoopGuard(options.loop);
  let entries: ContextEntry[] = [
    { group: 0, message: { role: 'system', content: agentSystemPrompt(inputs.instructions, inputs.verifyCommands) } },
    { group: 0, message: { role: 'user', content: inputs.task } },
  ];
  let group = 0;
  let stepId = 0;
  let toolStepsRun = 0;
  let lastError: string | undefined;
  let errorNudged = false;
  let editedSinceCheck = false;
  let verifyNudged = false;
  const finish = (outcome: RunOutcome): RunRecord =>
    recorder.finish({ id: inputs.id, task: inputs.task, model: inputs.model, startedAt, allowedCommands: [...allowed] }, outcome);
  const stop = (reason: StopReason, message: string): RunRecord => {
    recorder.note(reason === 'tokenBudget' || reason === 'contextFull' ? 'budget' : 'loop', `Stopped: ${message} What should happen next?`);
    return finish({ kind: 'needsUser', reason, message });
  };
  const say = (content: string, kind: 'callError' | 'nudge'): void => {
    entries.push({ group, message: { role: 'user', content: `[Hearth] ${content}` } });
    recorder.note(kind, content);
  };

  try {
    for (;;) {
      inputs.signal.throwIfAborted();
      let trims: readonly TrimNote[] = [];
      if (options.guards) {
        const fitted = fitContext(entries, limits);
        entries = fitted.entries;
        trims = fitted.notes.map((note) => ({ what: 'context', why: note }));
        for (const note of fitted.notes) recorder.note('trim', note);
        if (!fitted.fits) return stop('contextFull', `The task and the latest step need about ${fitted.promptTokens} tokens, more than the ${fitted.budgetTokens} the context window leaves.`);
      }
      const messages: ChatMessage[] = entries.map((e) => e.message);
      const estimate = messages.reduce((n, m) => n + messageTokens(m, inputs.charsPerToken), 0) + Math.ceil(limits.toolSchemaChars / inputs.charsPerToken);
      if (recorder.tokensSent + estimate > options.tokenBudget) return stop('tokenBudget', `The run has sent ${recorder.tokensSent} prompt tokens; the next request would pass its budget of ${options.tokenBudget}.`);

      const modelStep = ++stepId;
      const started = now();
      inputs.onEvent({ kind: 'modelStepStarted', stepId: modelStep });
      const trace: RequestTrace = { kind: 'agentStep', originId: agentStepOriginId(inputs.id, modelStep), details: { trims: () => trims } };
      const turn = await streamModelTurn(inputs.server, { model: inputs.model, messages, tools }, modelStep, inputs.onEvent, inputs.signal, trace);
      recorder.tokensSent += turn.promptTokens > 0 ? turn.promptTokens : estimate;
      recorder.modelStep({ id: modelStep, text: turn.text, thinking: turn.thinking, promptTokens: turn.promptTokens, evalTokens: turn.evalTokens, startedAt: started, endedAt: now() });
      group++;

      const found = resolveTurnCalls(turn, { repair: options.repair, ...(inputs.workspaceRoot !== undefined ? { workspaceRoot: inputs.workspaceRoot } : {}) });
      if (found.calls.length === 0) {
        entries.push({ group, message: { role: 'assistant', content: turn.text } });
        const correction = options.repair || options.guards ? correctionFor(found.malformed, turn.text, options.guards) : undefined;
        const nudge = correction ?? (options.guards ? nudgeFor({ lastError, errorNudged, editedSinceCheck, verifyNudged, verify: inputs.verifyCommands, changed: recorder.changedFiles.map((c) => c.path) }) : undefined);
        if (nudge === undefined) return finish({ kind: 'answered', answer: found.prose });
        say(nudge.text, nudge.kind === 'correction' ? 'callError' : 'nudge');
        if (nudge.kind === 'error') errorNudged = true;
        if (nudge.kind === 'verify') verifyNudged = true;
        if (nudge.kind === 'correction') guard.failure();
        const halted = options.guards ? guard.stopReason : undefined;
        if (halted) return stop(halted.reason, halted.message);
        continue;
      }

      entries.push({ group, message: { role: 'assistant', content: found.prose, tool_calls: found.calls.map(wireCall) } });
      for (const resolved of found.calls) {
        inputs.signal.throwIfAborted();
        const id = ++stepId;
        if (!resolved.ok) {
          inputs.onEvent({ kind: 'toolStepStarted', stepId: id, tool: resolved.raw.name, args: asArgs(resolved.raw.args) });
          recorder.toolStep({ id, tool: resolved.raw.name, args: asArgs(resolved.raw.args), status: 'error', result: resolved.error, startedAt: now(), endedAt: now() });
          recorder.note('callError', resolved.error);
          entries.push({ group, label: resolved.raw.name, message: { role: 'tool', content: resolved.error, tool_name: resolved.raw.name } });
          lastError = resolved.error;
          errorNudged = false;
          guard.failure();
          continue;
        }
        const label = callLabel(resolved.call);
        if (resolved.repairs.length > 0) recorder.note('repair', `${label}: ${resolved.repairs.join('; ')}`);
        inputs.onEvent({ kind: 'toolStepStarted', stepId: id, tool: resolved.call.tool, args: resolved.args });
        if (options.guards && guard.isRepeat(callSignature(resolved.call.tool, resolved.args))) {
          const text = `Not run again: ${label} was already called with these arguments and nothing changed since, so its result above still holds. Take the next step instead.`;
          recorder.toolStep({ id, tool: resolved.call.tool, args: resolved.args, status: 'skipped', result: text, startedAt: now(), endedAt: now() });
          recorder.note('loop', `Repeated call not run again: ${label}.`);
          entries.push({ group, label, message: { role: 'tool', content: text, tool_name: resolved.call.tool } });
          continue;
        }
        if (toolStepsRun >= options.maxSteps) return stop('stepLimit', `The run reached its limit of ${options.maxSteps} tool steps.`);
        toolStepsRun++;
        const outcome = await runToolStep(id, resolved.call, resolved.args, resolved.repairs, {
          executor: inputs.executor, approve: inputs.approve, settings: inputs.approval, allowedCommands: allowed, limits: toolLimits, recorder, now, signal: inputs.signal,
        });
        recorder.toolStep(outcome.record);
        entries.push({ group, label, message: { role: 'tool', content: outcome.record.result, tool_name: resolved.call.tool } });
        if (outcome.changedWorkspace) guard.workspaceChanged();
        if (outcome.ranCommand) editedSinceCheck = false;
        if (outcome.changedWorkspace && !outcome.ranCommand) editedSinceCheck = true;
        if (outcome.record.status === 'ok') {
          guard.success();
          lastError = undefined;
        } else if (outcome.record.status === 'error') {
          guard.failure();
          lastError = outcome.record.result;
          errorNudged = false;
        }
      }
      const halted = options.guards ? guard.stopReason : undefined;
      if (halted) return stop(halted.reason, halted.message);
    }
  } catch (error) {
    if (inputs.signal.aborted) return finish({ kind: 'cancelled' });
    return finish({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
}

/** How a call is replayed in the history: the repaired, canonical form, so the model sees well-formed calls. */
function wireCall(resolved: ResolvedCall): AssistantToolCall {
  if (resolved.ok) return { function: { name: resolved.call.tool, arguments: { ...resolved.args } } };
  return { function: { name: resolved.raw.name, arguments: asArgs(resolved.raw.args) } };
}

function asArgs(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}

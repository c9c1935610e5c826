import { approvalVerdict, commandGrantKey, rejectionMessage } from './approvalPolicy';
import type { ApprovalSettings } from './approvalPolicy';
import type { ApproveFn, ToolExecutor, ToolStepRecord } from './agentTypes';
import type { ToolCall } from './toolArguments';
import { callLabel, commandOf, prepareWrite, runTool } from './toolRunner';
import type { ToolLimits } from './toolRunner';
import type { RunRecorder } from './runRecord';

export interface ToolStepContext {
  readonly executor: ToolExecutor;
  readonly approve: ApproveFn;
  readonly settings: ApprovalSettings;
  /** Grows when the user chooses "allow this exact command line for this conversation". */
  readonly allowedCommands: Set<string>;
  readonly limits: ToolLimits;
  readonly recorder: RunRecorder;
  readonly now: () => number;
  readonly signal: AbortSignal;
}

/** How a step ended, for the loop: what the model is told and whether the workspace changed. */
export interface ToolStepOutcome { readonly record: ToolStepRecord; readonly changedWorkspace: boolean; readonly ranCommand: boolean }

/**
 * One valid call: the approval the policy asks for (with the exact diff or
 * command line), then the tool. Nothing is written or run before approval;
 * a rejection is reported to the model as a rejection. Aborting the signal
 * while the user decides or the tool runs ends the step by throwing.
 */
export async function runToolStep(id: number, call: ToolCall, args: Readonly<Record<string, unknown>>, repairs: readonly string[], ctx: ToolStepContext): Promise<ToolStepOutcome> {
  const startedAt = ctx.now();
  const base = { id, tool: call.tool, args, startedAt, ...(repairs.length > 0 ? { repairs } : {}) };
  const finish = (status: ToolStepRecord['status'], result: string, approval?: ToolStepRecord['approval']): ToolStepRecord => ({
    ...base,
    status,
    result,
    endedAt: ctx.now(),
    ...(approval ? { approval } : {}),
  });
  const command = commandOf(call);
  const verdict = approvalVerdict(call.tool, command, ctx.settings, ctx.allowedCommands);
  const write = call.tool === 'edit_file' || call.tool === 'create_file' ? await prepareWrite(call, ctx.executor, ctx.signal) : undefined;
  if (write && 'error' in write) return { record: finish('error', write.error), changedWorkspace: false, ranCommand: false };

  let approval: ToolStepRecord['approval'] = verdict.kind === 'noApproval' ? 'auto' : verdict.kind === 'preApproved' ? (verdict.why === 'autoApproveEdits' ? 'auto' : 'remembered') : undefined;
  if (verdict.kind === 'ask') {
    const decision = await untilAborted(write
      ? ctx.approve({ kind: 'edit', stepId: id, tool: call.tool === 'create_file' ? 'create_file' : 'edit_file', path: write.path, before: write.before, after: write.after }, ctx.signal)
      : command
        ? ctx.approve({ kind: 'command', stepId: id, command }, ctx.signal)
        : Promise.resolve({ approved: false as const, reason: 'nothing to approve' }), ctx.signal);
    if (!decision.approved) return { record: finish('rejected', rejectionMessage(callLabel(call), decision.reason), 'rejected'), changedWorkspace: false, ranCommand: false };
    approval = 'approved';
    if (command && decision.rememberCommand) ctx.allowedCommands.add(commandGrantKey(command));
  }

  const result = await runTool(call, write, ctx.executor, ctx.limits, ctx.signal);
  if (write && result.ok) ctx.recorder.fileChanged(write.path, write.before, write.after);
  const note = write && write.repairs.length > 0 ? ` (${write.repairs.join('; ')})` : '';
  return {
    record: finish(result.ok ? 'ok' : 'error', `${result.text}${note}`, approval),
    changedWorkspace: (write !== undefined && result.ok) || command !== undefined,
    ranCommand: command !== undefined,
  };
}

/** Stop ends the wait for a decision at once, even if the approval UI never answers. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

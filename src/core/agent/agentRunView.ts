import type { AgentApprovalView, AgentRunView, AgentStepView } from '../../shared/agentView';
import type { AgentEvent, ApprovalRequest, FileChange } from './agentTypes';
import type { RunOutcome } from './agentTypes';

// The view of a run is folded from the same events the run record is built
// from, so the cards and the record never disagree. Text is capped here: a
// card shows an excerpt, the model got the whole (already capped) result.

const ARGS_CHARS = 2_000;
const RESULT_CHARS = 4_000;

export const EMPTY_RUN_VIEW: AgentRunView = { steps: [], notes: [], changes: [], tokensSent: 0 };

function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.floor(max * 0.7);
  return `${text.slice(0, head)}\n… ${text.length - max} characters not shown …\n${text.slice(text.length - (max - head))}`;
}

function upsert(steps: readonly AgentStepView[], step: AgentStepView): AgentStepView[] {
  const i = steps.findIndex((s) => s.id === step.id);
  if (i < 0) return [...steps, step];
  return steps.map((s, j) => (j === i ? step : s));
}

/** The view after one event of the run. */
export function applyAgentEvent(view: AgentRunView, event: AgentEvent): AgentRunView {
  switch (event.kind) {
    case 'modelStepStarted':
      return { ...view, steps: upsert(view.steps, { id: event.stepId, kind: 'model', tool: '', args: '', state: 'running', result: '', startedAt: Date.now() }) };
    case 'modelText': {
      const step = view.steps.find((s) => s.id === event.stepId);
      if (!step) return view;
      return { ...view, steps: upsert(view.steps, { ...step, result: excerpt(step.result + event.text, RESULT_CHARS) }) };
    }
    case 'modelThinking':
      return view;
    case 'modelStepFinished': {
      const { step } = event;
      return {
        ...view,
        tokensSent: view.tokensSent + step.promptTokens,
        steps: upsert(view.steps, { id: step.id, kind: 'model', tool: '', args: '', state: 'ok', result: excerpt(step.text, RESULT_CHARS), startedAt: step.startedAt, endedAt: step.endedAt }),
      };
    }
    case 'toolStepStarted':
      return { ...view, steps: upsert(view.steps, { id: event.stepId, kind: 'tool', tool: event.tool, args: excerpt(JSON.stringify(event.args), ARGS_CHARS), state: 'running', result: '', startedAt: Date.now() }) };
    case 'toolStepFinished': {
      const { step } = event;
      const pending = view.pending?.stepId === step.id ? undefined : view.pending;
      const card: AgentStepView = {
        id: step.id, kind: 'tool', tool: step.tool, args: excerpt(JSON.stringify(step.args), ARGS_CHARS), state: step.status,
        result: excerpt(step.result, RESULT_CHARS), startedAt: step.startedAt, endedAt: step.endedAt, ...(step.approval ? { approval: step.approval } : {}),
      };
      const { pending: _dropped, ...rest } = view;
      return { ...rest, ...(pending ? { pending } : {}), steps: upsert(view.steps, card) };
    }
    case 'note':
      return { ...view, notes: [...view.notes, { kind: event.note.kind, text: event.note.text, at: event.note.at }] };
    case 'fileChanged': {
      const created = event.change.before === null;
      const others = view.changes.filter((c) => c.path !== event.change.path);
      return { ...view, changes: [...others, { path: event.change.path, created }] };
    }
  }
}

/** Marks the run as ended: a step still running (stopped mid-way) ends with it. */
export function settleRunView(view: AgentRunView, outcome: RunOutcome, tokensSent: number): AgentRunView {
  const now = Date.now();
  const steps = view.steps.map((s) => (s.state === 'running' ? { ...s, state: 'error' as const, result: s.result === '' ? 'Stopped.' : s.result, endedAt: now } : s));
  const { pending: _dropped, ...rest } = view;
  return { ...rest, steps, tokensSent, outcome: outcome.kind };
}

/** The files a run changed, merged from its events: the first `before` is kept, so Undo goes back to how the run found each file. */
export function mergeChange(changes: readonly FileChange[], change: FileChange): FileChange[] {
  const earlier = changes.find((c) => c.path === change.path);
  const merged: FileChange = earlier ? { ...change, before: earlier.before } : change;
  return [...changes.filter((c) => c.path !== change.path), merged];
}

/** What the approval card shows: the exact lines that change (the diff editor shows them in the whole file), or the exact command line. */
export function approvalView(request: ApprovalRequest): AgentApprovalView {
  if (request.kind === 'command') {
    return { kind: 'command', stepId: request.stepId, line: request.command.line, shell: request.command.kind === 'shell' };
  }
  const hunk = changedLines(request.before ?? '', request.after);
  return { kind: 'edit', stepId: request.stepId, tool: request.tool, path: request.path, oldText: request.before === undefined ? '' : hunk.oldText, newText: request.before === undefined ? request.after : hunk.newText, created: request.before === undefined };
}

/** The lines of `before` that differ from `after` and what replaces them: the common head and tail lines left out. */
export function changedLines(before: string, after: string): { readonly oldText: string; readonly newText: string; readonly firstLine: number } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { oldText: a.slice(head, a.length - tail).join('\n'), newText: b.slice(head, b.length - tail).join('\n'), firstLine: head + 1 };
}

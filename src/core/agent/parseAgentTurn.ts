import type { AgentChangeView, AgentNoteView, AgentRunView, AgentStepView, AgentUndoView } from '../../shared/agentView';
import type { FileChange } from './agentTypes';

// An agent run read back from a conversation file (after a reload, a crash or
// someone's edit): each part is checked. A damaged view part is dropped, not
// the conversation; damaged Undo data is dropped whole, so Undo never writes
// from a half-read record.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const STEP_STATES: readonly unknown[] = ['running', 'ok', 'error', 'rejected', 'skipped'];
const APPROVALS: readonly unknown[] = ['auto', 'approved', 'rejected', 'remembered'];
const OUTCOMES: readonly unknown[] = ['answered', 'cancelled', 'needsUser', 'failed'];

function step(v: unknown): AgentStepView | undefined {
  if (!isObject(v) || !num(v.id) || (v.kind !== 'model' && v.kind !== 'tool') || !str(v.tool) || !str(v.args) || !STEP_STATES.includes(v.state) || !str(v.result) || !num(v.startedAt)) return undefined;
  return {
    id: v.id, kind: v.kind, tool: v.tool, args: v.args, state: v.state as AgentStepView['state'], result: v.result, startedAt: v.startedAt,
    ...(num(v.endedAt) ? { endedAt: v.endedAt } : {}),
    ...(APPROVALS.includes(v.approval) ? { approval: v.approval as NonNullable<AgentStepView['approval']> } : {}),
  };
}

function note(v: unknown): AgentNoteView | undefined {
  return isObject(v) && str(v.kind) && str(v.text) && num(v.at) ? { kind: v.kind, text: v.text, at: v.at } : undefined;
}

function change(v: unknown): AgentChangeView | undefined {
  return isObject(v) && str(v.path) && typeof v.created === 'boolean' ? { path: v.path, created: v.created } : undefined;
}

function undo(v: unknown): AgentUndoView | undefined {
  return isObject(v) && v.state === 'undone' && num(v.at) && Array.isArray(v.problems) && v.problems.every(str) ? { state: 'undone', at: v.at, problems: v.problems } : undefined;
}

function defined<T>(values: unknown, parse: (v: unknown) => T | undefined): T[] {
  return Array.isArray(values) ? values.map(parse).filter((x): x is T => x !== undefined) : [];
}

/** The run's view, or undefined when it is not one. A pending approval is never read back: the run that asked ended with the window. */
export function parseAgentRunView(v: unknown): AgentRunView | undefined {
  if (!isObject(v) || !Array.isArray(v.steps)) return undefined;
  const u = undo(v.undo);
  return {
    steps: defined(v.steps, step),
    notes: defined(v.notes, note),
    changes: defined(v.changes, change),
    tokensSent: num(v.tokensSent) ? v.tokensSent : 0,
    ...(OUTCOMES.includes(v.outcome) ? { outcome: v.outcome as NonNullable<AgentRunView['outcome']> } : {}),
    ...(u ? { undo: u } : {}),
  };
}

/** Undo's records, all or nothing. */
export function parseFileChanges(v: unknown): FileChange[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const ok = v.every((c) => isObject(c) && str(c.path) && str(c.after) && (c.before === null || str(c.before)));
  return ok ? (v as FileChange[]) : undefined;
}

export function parseAllowedCommands(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every(str) ? v : undefined;
}

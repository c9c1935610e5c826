import type { AgentEvent, FileChange, ModelStepRecord, NoteKind, RunNote, RunOutcome, ToolStepRecord } from './agentTypes';

/** Everything a run did, as persisted with the conversation (JSON) and read back after a reload. */
export interface RunRecord {
  readonly version: 1;
  readonly id: string;
  readonly task: string;
  readonly model: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly outcome: RunOutcome;
  readonly modelSteps: readonly ModelStepRecord[];
  readonly toolSteps: readonly ToolStepRecord[];
  readonly notes: readonly RunNote[];
  /** Per file, the content before the run's first write (null: created by the run) and after its last: enough to undo byte for byte. */
  readonly changes: readonly FileChange[];
  /** Command lines the user allowed for the rest of the conversation (kind:line keys). */
  readonly allowedCommands: readonly string[];
  /** Prompt tokens of all requests (the daemon's counts, or Hearth's estimate where it gave none). */
  readonly tokensSent: number;
}

/** Collects a run as it happens and forwards each piece as an event, so the view and the record never disagree. */
export class RunRecorder {
  readonly modelSteps: ModelStepRecord[] = [];
  readonly toolSteps: ToolStepRecord[] = [];
  readonly notes: RunNote[] = [];
  private readonly changes = new Map<string, FileChange>();
  tokensSent = 0;

  constructor(
    private readonly emit: (event: AgentEvent) => void,
    private readonly now: () => number,
  ) {}

  note(kind: NoteKind, text: string): void {
    const note = { kind, text, at: this.now() };
    this.notes.push(note);
    this.emit({ kind: 'note', note });
  }

  modelStep(step: ModelStepRecord): void {
    this.modelSteps.push(step);
    this.emit({ kind: 'modelStepFinished', step });
  }

  toolStep(step: ToolStepRecord): void {
    this.toolSteps.push(step);
    this.emit({ kind: 'toolStepFinished', step });
  }

  /** The first `before` of a file is kept: undo goes back to how the run found it. */
  fileChanged(path: string, before: string | undefined, after: string): void {
    const earlier = this.changes.get(path);
    const change: FileChange = { path, before: earlier ? earlier.before : before ?? null, after };
    this.changes.set(path, change);
    this.emit({ kind: 'fileChanged', change });
  }

  get changedFiles(): readonly FileChange[] {
    return [...this.changes.values()];
  }

  finish(head: { id: string; task: string; model: string; startedAt: number; allowedCommands: readonly string[] }, outcome: RunOutcome): RunRecord {
    return {
      version: 1,
      ...head,
      endedAt: this.now(),
      outcome,
      modelSteps: this.modelSteps,
      toolSteps: this.toolSteps,
      notes: this.notes,
      changes: this.changedFiles,
      allowedCommands: [...head.allowedCommands],
      tokensSent: this.tokensSent,
    };
  }
}

/** Reads a persisted record back; undefined for anything that is not one (a damaged or foreign file). */
export function parseRunRecord(json: string): RunRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.version !== 1) return undefined;
  const strings = ['id', 'task', 'model'].every((k) => typeof value[k] === 'string');
  const numbers = ['startedAt', 'endedAt', 'tokensSent'].every((k) => typeof value[k] === 'number');
  const arrays = ['modelSteps', 'toolSteps', 'notes', 'changes', 'allowedCommands'].every((k) => Array.isArray(value[k]));
  if (!strings || !numbers || !arrays || !isRecord(value.outcome) || typeof value.outcome.kind !== 'string') return undefined;
  const changes = value.changes as unknown[];
  const changesOk = changes.every((c) => isRecord(c) && typeof c.path === 'string' && typeof c.after === 'string' && (c.before === null || typeof c.before === 'string'));
  if (!changesOk || !(value.allowedCommands as unknown[]).every((c) => typeof c === 'string')) return undefined;
  return value as unknown as RunRecord;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

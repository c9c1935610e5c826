import { Emitter } from '../emitter';
import type { Event } from '../emitter';
import { ExchangeRecord } from './exchangeRecord';
import type { RequestStart } from './exchangeRecord';
import type { RequestKind } from './requestTrace';

/** What the model server is handed: it starts a record per request, or none. */
export interface RequestRecorder {
  begin(start: RequestStart): ExchangeRecord;
}

/** Per-record cap in characters (request body plus answer): 256 K, about 0.5 MB of memory. */
export const DEFAULT_MAX_ENTRY_CHARS = 256 * 1024;
export const DEFAULT_MAX_ENTRIES = 50;

/**
 * The last N requests to the model server, in memory only (nothing is
 * written anywhere). It keeps the records by reference; the inspector
 * formats them when it is opened. N comes from `hearth.inspector.maxEntries`,
 * read on every new record so a change applies at once.
 */
export class InspectorRecorder implements RequestRecorder {
  private records: ExchangeRecord[] = [];
  private nextId = 1;
  private readonly changed = new Emitter<void>();
  /** A record started or ended. Fired with no listener while the inspector is closed. */
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(
    private readonly maxEntries: () => number = () => DEFAULT_MAX_ENTRIES,
    private readonly maxEntryChars = DEFAULT_MAX_ENTRY_CHARS,
  ) {}

  begin(start: RequestStart): ExchangeRecord {
    const record = new ExchangeRecord(this.nextId++, start, this.maxEntryChars, () => this.changed.fire());
    this.records.push(record);
    const max = Math.max(1, Math.floor(this.maxEntries()));
    if (this.records.length > max) this.records = this.records.slice(this.records.length - max);
    this.changed.fire();
    return record;
  }

  /** Oldest first. */
  get entries(): readonly ExchangeRecord[] {
    return this.records;
  }

  get(id: number): ExchangeRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  /** The latest request of this origin (a chat turn that was retried has several). */
  byOrigin(originId: string): ExchangeRecord | undefined {
    return this.findLast((r) => r.start.trace.originId === originId);
  }

  /**
   * The request behind a chat turn: the answer's own, or for an agent run
   * (whose model steps are recorded as `<turn>/<step>`) its latest step's.
   */
  forTurn(turnId: string): ExchangeRecord | undefined {
    return this.byOrigin(turnId) ?? this.findLast((r) => r.start.trace.originId?.startsWith(`${turnId}/`) === true);
  }

  latest(kind: RequestKind): ExchangeRecord | undefined {
    return this.findLast((r) => r.start.trace.kind === kind);
  }

  /** What the caller learned after the answer: "shown", "typed through". Ignored once the record is gone. */
  note(originId: string, note: string): void {
    const record = this.byOrigin(originId);
    if (record === undefined || record.notes.includes(note)) return;
    record.notes.push(note);
    this.changed.fire();
  }

  clear(): void {
    this.records = [];
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private findLast(pred: (r: ExchangeRecord) => boolean): ExchangeRecord | undefined {
    for (let i = this.records.length - 1; i >= 0; i--) {
      const record = this.records[i];
      if (record !== undefined && pred(record)) return record;
    }
    return undefined;
  }
}

import type { Fault, RecordedRequest } from './ollamaStandIn';
import type { StandInExchange } from './standInExchange';

export interface StreamChunk {
  delayMs: number;
  line: () => Record<string, unknown>;
  /** The generated text this chunk carries, recorded in `textSent` (absent for thinking and pull progress). */
  text?: string;
}

/** Faults that act on a stream once some chunks are out; the others act before any handler runs. */
export const STREAM_FAULT_KINDS: ReadonlyArray<Fault['kind']> = ['midStreamError', 'endWithoutDone', 'malformedLine', 'hangAfterTokens', 'slowStream'];

// What a truncated write looks like: the start of an object, cut off.
const MALFORMED_LINE = '{"model":"stand-in","created_at":"2025-10-01T12:00:00Z","respo';

/**
 * Streams NDJSON chunks with their delays, then the line `finish` returns
 * (computed last, so durations are measured). A stream fault takes effect
 * once `afterTokens` chunks are out, or at the end when there are fewer.
 */
export async function streamLines(
  ex: StandInExchange, rec: RecordedRequest, chunks: readonly StreamChunk[],
  finish: () => Record<string, unknown>, fault: Fault | undefined, onChunk: () => void,
): Promise<void> {
  // A slow stream is whole, only late: each chunk waits the extra time too.
  const extraMs = fault?.kind === 'slowStream' ? fault.perTokenMs : 0;
  let pending = fault?.kind === 'slowStream' ? undefined : fault;
  // Returns false when the fault ended the stream.
  const apply = async (f: Fault): Promise<boolean> => {
    pending = undefined;
    switch (f.kind) {
      case 'midStreamError': ex.line({ error: f.error }); ex.end(); return false;
      case 'endWithoutDone': ex.end(); return false;
      case 'malformedLine': ex.line(MALFORMED_LINE); return true;
      case 'hangAfterTokens': await ex.hang(); return false;
      case 'status':
      case 'hang':
      case 'slowStream': return true; // handled before the stream starts
    }
  };
  for (const chunk of chunks) {
    if (pending && rec.tokensSent >= afterTokens(pending) && !(await apply(pending))) return;
    if (!(await ex.sleep(chunk.delayMs + extraMs))) return;
    ex.line(chunk.line());
    noteChunk(rec, chunk);
    onChunk();
  }
  if (pending && !(await apply(pending))) return;
  if (ex.closed) return;
  ex.line(finish());
  ex.end();
}

/**
 * stream:false: the same work and delays, then one JSON object. Faults map to
 * what a non-streaming client would see: an error status, an empty or broken
 * body, or no answer at all.
 */
export async function respondOnce(
  ex: StandInExchange, rec: RecordedRequest, chunks: readonly StreamChunk[],
  whole: () => unknown, fault: Fault | undefined, onChunk: () => void,
): Promise<void> {
  const stopAt = fault && fault.kind !== 'slowStream' ? afterTokens(fault) : Infinity;
  const extraMs = fault?.kind === 'slowStream' ? fault.perTokenMs : 0;
  for (const chunk of chunks) {
    if (rec.tokensSent >= stopAt) break;
    if (!(await ex.sleep(chunk.delayMs + extraMs))) return;
    noteChunk(rec, chunk);
    onChunk();
  }
  switch (fault?.kind) {
    case 'midStreamError': ex.json(500, { error: fault.error }); return;
    case 'endWithoutDone': ex.send(200, 'application/json; charset=utf-8', ''); return;
    case 'malformedLine': ex.send(200, 'application/json; charset=utf-8', MALFORMED_LINE); return;
    case 'hangAfterTokens': await ex.hang(); return;
    case 'status':
    case 'hang':
    case 'slowStream':
    case undefined: if (!ex.closed) ex.json(200, whole());
  }
}

/** Counts a chunk that left (or, for stream:false, was generated), with the time of the first one. */
function noteChunk(rec: RecordedRequest, chunk: StreamChunk): void {
  rec.firstTokenAt ??= Date.now();
  rec.tokensSent++;
  if (chunk.text !== undefined) rec.textSent = (rec.textSent ?? '') + chunk.text;
}

function afterTokens(f: Fault): number {
  return 'afterTokens' in f ? Math.max(0, f.afterTokens) : 0;
}

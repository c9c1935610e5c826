import { tokensPerSecond } from '../engine/engineTypes';
import type { InspectorDetail, InspectorFact, InspectorSummary } from '../../shared/protocol';
import type { ExchangeEnding, ExchangeRecord } from './exchangeRecord';
import { exchangeSections } from './exchangeSections';
import { maskHeaders, maskUrl } from './secretMask';

// Formatting happens here, when the inspector asks for a record: never while
// the request runs. Everything comes from the record's references.

export function summarizeExchange(record: ExchangeRecord): InspectorSummary {
  const { trace, model, endpoint } = record.start;
  return {
    id: record.id,
    time: record.startedAt,
    kind: trace.kind,
    ...(trace.originId !== undefined ? { originId: trace.originId } : {}),
    model,
    endpoint,
    status: [endingText(record.ending), ...record.notes].join(' · '),
  };
}

export function describeExchange(record: ExchangeRecord): InspectorDetail {
  return { summary: summarizeExchange(record), facts: factsOf(record), sections: exchangeSections(record), notes: truncationNotes(record) };
}

export function endingText(ending: ExchangeEnding | undefined): string {
  if (ending === undefined) return 'running';
  switch (ending.kind) {
    case 'done':
      return `done (${ending.doneReason})`;
    case 'closedByHearth':
      return 'closed by Hearth once it had the answer';
    case 'aborted':
      return `aborted: ${ending.reason}`;
    case 'timedOut':
      return 'timed out: the server stopped answering';
    case 'failed':
      return `error: ${ending.message}`;
  }
}

function factsOf(record: ExchangeRecord): InspectorFact[] {
  const { trace, engine, model } = record.start;
  const facts: InspectorFact[] = [
    { label: 'Time', value: new Date(record.startedAt).toISOString() },
    { label: 'Kind', value: trace.kind },
    ...(trace.originId !== undefined ? [{ label: 'Origin', value: trace.originId }] : []),
    { label: 'Model', value: model },
    { label: 'Engine', value: engine },
    { label: 'Endpoint', value: record.url !== undefined ? `${record.method ?? 'POST'} ${maskUrl(record.url)}` : record.start.endpoint },
    { label: 'Ended', value: endingText(record.ending) },
  ];
  if (record.endedAt !== undefined) facts.push({ label: 'Duration', value: `${record.endedAt - record.startedAt} ms` });
  if (record.notes.length > 0) facts.push({ label: 'Then', value: record.notes.join('; ') });
  const headers = Object.entries(maskHeaders(record.headers));
  if (headers.length > 0) facts.push({ label: 'Headers', value: headers.map(([k, v]) => `${k}: ${v}`).join('\n') });
  facts.push({ label: 'Body', value: `${record.bodyChars} characters` });
  const stats = record.stats;
  if (stats !== undefined) {
    const rate = tokensPerSecond(stats);
    facts.push(
      { label: 'prompt_eval_count', value: String(stats.promptTokens) },
      { label: 'eval_count', value: String(stats.evalTokens) },
      { label: 'Durations', value: `total ${ms(stats.totalMs)} · load ${ms(stats.loadMs)} · prompt eval ${ms(stats.promptEvalMs)} · eval ${ms(stats.evalMs)}` },
      { label: 'Tokens/s', value: rate === undefined ? '–' : rate.toFixed(1) },
    );
  }
  return facts;
}

function truncationNotes(record: ExchangeRecord): string[] {
  const notes: string[] = [];
  if (record.bodyTruncated) {
    notes.push(`Truncated in the inspector: the request body kept ${record.body?.length ?? 0} of ${record.bodyChars} characters (the daemon got all of it).`);
  }
  if (record.answerTruncated) notes.push(`Truncated in the inspector: the answer arrived with ${record.answerChars} characters; only the start is kept here.`);
  return notes;
}

function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

import { specialTokensFor } from '../completion/specialTokens';
import type { InspectorSection } from '../../shared/protocol';
import type { ExchangeRecord } from './exchangeRecord';
import type { TraceDetails } from './requestTrace';

// The detail's text blocks: the prompt as the model reads it, the options,
// what was trimmed, the snippets, the answer and what post-processing did to
// it, and last the body byte for byte.

/** Fields shown as text of their own; the rest of the body is "options". */
const TEXT_FIELDS = new Set(['prompt', 'suffix', 'system', 'messages', 'tools']);

export function exchangeSections(record: ExchangeRecord): InspectorSection[] {
  const body = parsedBody(record);
  const marks = specialTokensFor(body?.raw === true ? 'codellama' : undefined);
  const sections: InspectorSection[] = [];
  if (body !== undefined) sections.push(...promptSections(body, marks));
  const details = record.start.trace.details;
  if (details !== undefined) sections.push(...detailSections(details));
  const raw = record.textParts.join('');
  const thinking = record.thinkingParts.join('');
  if (thinking !== '') sections.push({ title: 'Thinking', text: thinking, style: 'plain' });
  sections.push({ title: 'Model output (raw, as streamed)', text: raw, style: 'prompt', marks });
  if (record.toolCalls.length > 0) sections.push({ title: 'Tool calls', text: JSON.stringify(record.toolCalls, null, 2), style: 'code' });
  if (details?.outputSteps !== undefined) sections.push(...outputSections(details.outputSteps, raw));
  if (record.body !== undefined) sections.push({ title: 'Request body as sent (exact bytes)', text: record.body, style: 'code' });
  return sections;
}

function parsedBody(record: ExchangeRecord): Record<string, unknown> | undefined {
  if (record.body === undefined || record.bodyTruncated) return undefined;
  try {
    const value: unknown = JSON.parse(record.body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function promptSections(body: Record<string, unknown>, marks: readonly string[]): InspectorSection[] {
  const sections: InspectorSection[] = [];
  for (const field of ['system', 'prompt', 'suffix'] as const) {
    const text = body[field];
    if (typeof text === 'string') sections.push({ title: field[0]?.toUpperCase() + field.slice(1), text, style: 'prompt', marks });
  }
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  messages.forEach((message, i) => {
    const m = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
    const who = [typeof m.role === 'string' ? m.role : '?', typeof m.tool_name === 'string' ? m.tool_name : ''].filter(Boolean).join(' · ');
    const calls = m.tool_calls !== undefined ? `\n\ntool_calls: ${JSON.stringify(m.tool_calls, null, 2)}` : '';
    sections.push({ title: `Message ${i + 1}: ${who}`, text: `${typeof m.content === 'string' ? m.content : ''}${calls}`, style: 'prompt', marks });
  });
  if (Array.isArray(body.tools) && body.tools.length > 0) {
    const names = (body.tools as { function?: { name?: unknown } }[]).map((t) => (typeof t.function?.name === 'string' ? t.function.name : '?'));
    sections.push({ title: `Tools offered (${names.length})`, text: names.join(', '), style: 'plain' });
  }
  const options = Object.fromEntries(Object.entries(body).filter(([key]) => !TEXT_FIELDS.has(key)));
  sections.push({ title: 'Options', text: JSON.stringify(options, null, 2), style: 'code' });
  return sections;
}

function detailSections(details: TraceDetails): InspectorSection[] {
  const sections: InspectorSection[] = [];
  const trims = attempt(() => details.trims?.() ?? []);
  if (typeof trims === 'string') sections.push({ title: 'Trimmed', text: trims, style: 'plain' });
  else if (trims.length > 0) {
    const lines = trims.map((t) => `${t.what}: ${t.why}${t.chars !== undefined ? ` (${t.chars} characters)` : ''}`);
    sections.push({ title: 'Trimmed to fit', text: lines.join('\n'), style: 'plain' });
  } else if (details.trims !== undefined) sections.push({ title: 'Trimmed to fit', text: 'Nothing: the request was sent whole.', style: 'plain' });
  const snippets = attempt(() => details.snippets?.() ?? []);
  if (typeof snippets === 'string') sections.push({ title: 'Snippets', text: snippets, style: 'plain' });
  else if (snippets.length > 0) {
    const lines = snippets.map((s) => `${s.file}  score ${s.score.toFixed(2)}  ${s.chars} characters`);
    sections.push({ title: 'Snippets from other files', text: lines.join('\n'), style: 'plain' });
  }
  return sections;
}

function outputSections(outputSteps: NonNullable<TraceDetails['outputSteps']>, raw: string): InspectorSection[] {
  const steps = attempt(() => outputSteps(raw));
  if (typeof steps === 'string') return [{ title: 'Post-processing', text: steps, style: 'plain' }];
  let before = raw;
  const lines: string[] = [];
  const changed: InspectorSection[] = [];
  for (const step of steps) {
    const cut = before.length - step.text.length;
    lines.push(`${step.rule}: ${step.text === before ? 'unchanged' : `${before.length} → ${step.text.length} characters${cut > 0 ? ` (cut ${cut})` : ''}`}`);
    if (step.text !== before) changed.push({ title: `After “${step.rule}”`, text: step.text, style: 'prompt' });
    before = step.text;
  }
  return [
    { title: 'Post-processing, rule by rule', text: lines.join('\n') || 'No rules ran.', style: 'plain' },
    ...changed,
    { title: 'Shown', text: before === '' ? '(nothing: the answer was empty after post-processing)' : before, style: 'prompt' },
  ];
}

/** A caller's closure that throws must not take the inspector down: its message is shown instead. */
function attempt<T>(run: () => T): T | string {
  try {
    return run();
  } catch (error) {
    return `Could not be computed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

import type { StreamedToolCall, ToolStreamEvent } from '../core/engine/engineTypes';

/** What one streamed event says, in Hearth's terms. */
export interface DecodedChunk {
  readonly events: readonly ToolStreamEvent[];
  /** Set on the event that ends the generation: 'stop' or 'length'. */
  readonly finish?: string;
  /** Token counts, from `usage` (stream_options.include_usage) or llama-server's `timings`. */
  readonly usage?: { readonly promptTokens: number; readonly evalTokens: number };
  /** The server's own timings (llama-server), in milliseconds. */
  readonly timings?: { readonly promptMs: number; readonly evalMs: number };
}

export type ChunkDecoder = (event: Record<string, unknown>) => DecodedChunk;

/** A /v1/chat/completions chunk: content, reasoning (vLLM `reasoning`, llama-server `reasoning_content`), tool-call pieces. */
export const decodeChatChunk: ChunkDecoder = (event) => {
  const choice = firstChoice(event);
  const delta = record(choice?.delta);
  const events: ToolStreamEvent[] = [];
  const thinking = str(delta.reasoning_content) || str(delta.reasoning);
  if (thinking) events.push({ kind: 'thinking', text: thinking });
  const text = str(delta.content);
  if (text) events.push({ kind: 'text', text });
  const calls = Array.isArray(delta.tool_calls) ? delta.tool_calls.map(toStreamedCall) : [];
  if (calls.length > 0) events.push({ kind: 'toolCalls', calls });
  return { events, ...finishOf(choice), ...usageOf(event), ...timingsOf(event) };
};

/** A /v1/completions chunk: `choices[0].text`. */
export const decodeCompletionChunk: ChunkDecoder = (event) => {
  const choice = firstChoice(event);
  const text = str(choice?.text);
  return { events: text ? [{ kind: 'text', text }] : [], ...finishOf(choice), ...usageOf(event), ...timingsOf(event) };
};

/** llama-server's /infill: `content` per event; the last has `stop: true`, `stop_type` and `timings`. */
export const decodeInfillChunk: ChunkDecoder = (event) => {
  const text = str(event.content);
  const events: ToolStreamEvent[] = text ? [{ kind: 'text', text }] : [];
  if (event.stop !== true) return { events };
  return { events, finish: event.stop_type === 'limit' ? 'length' : 'stop', ...timingsOf(event) };
};

// The arguments stay a string (pieces of JSON under one index): the agent's turn joins and parses them.
function toStreamedCall(value: unknown, position: number): StreamedToolCall {
  const call = record(value);
  const fn = record(call.function);
  return { function: { index: typeof call.index === 'number' ? call.index : position, name: str(fn.name), arguments: fn.arguments ?? '' } };
}

function firstChoice(event: Record<string, unknown>): Record<string, unknown> | undefined {
  return Array.isArray(event.choices) && event.choices.length > 0 ? record(event.choices[0]) : undefined;
}

function finishOf(choice: Record<string, unknown> | undefined): { finish?: string } {
  const reason = choice?.finish_reason;
  if (typeof reason !== 'string' || reason === '') return {};
  return { finish: reason === 'length' ? 'length' : 'stop' };
}

function usageOf(event: Record<string, unknown>): Pick<DecodedChunk, 'usage'> {
  const usage = record(event.usage);
  if (typeof usage.prompt_tokens !== 'number') return {};
  return { usage: { promptTokens: usage.prompt_tokens, evalTokens: num(usage.completion_tokens) } };
}

function timingsOf(event: Record<string, unknown>): Pick<DecodedChunk, 'usage' | 'timings'> {
  const t = record(event.timings);
  if (typeof t.prompt_ms !== 'number') return {};
  return { timings: { promptMs: t.prompt_ms, evalMs: num(t.predicted_ms) }, usage: { promptTokens: num(t.prompt_n), evalTokens: num(t.predicted_n) } };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

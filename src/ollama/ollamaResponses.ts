import type { ChatResponse, GenerateResponse, ProgressResponse } from 'ollama';
import { tokensPerSecond } from '../core/engine/engineTypes';
import type { GenerationStats, PullProgress, ToolStreamEvent } from '../core/engine/engineTypes';
import type { OllamaFailure } from '../core/engine/ollamaFailure';
import type { ExchangeEnding } from '../core/inspector/exchangeRecord';

// Ollama's answers in Hearth's terms: the final chunk's statistics, pull
// progress lines, and what a failed pull means.

const NS_PER_MS = 1e6;

export function toPullProgress(chunk: ProgressResponse): PullProgress {
  // Go omits zero values: a layer's first line has no `completed`, status lines have no digest.
  const raw = chunk as Partial<ProgressResponse>;
  return {
    status: String(raw.status ?? ''),
    ...(raw.digest ? { digest: raw.digest } : {}),
    ...(typeof raw.total === 'number' ? { total: raw.total } : {}),
    ...(typeof raw.completed === 'number' ? { completed: raw.completed } : {}),
  };
}

/**
 * The registry's words arrive as an `{"error"}` line; say what they mean for a
 * pull. The daemon, not VS Code, downloads: it is the one that needs internet.
 * "Retry" would only reconnect; a failed download offers to pull again instead.
 */
export function pullFailure(failure: OllamaFailure, model: string): OllamaFailure {
  if (failure.kind !== 'streamError' && failure.kind !== 'modelMissing') return failure;
  const text = failure.detail.replace(/^Error: /, '');
  const others = failure.actions.filter((a) => a.id !== 'retry' && a.id !== 'pullModel');
  if (failure.kind === 'modelMissing' || /file does not exist|manifest unknown|not found/i.test(text)) {
    return {
      ...failure,
      message: `Ollama found no model "${model}" in the registry. Check the name and tag at https://ollama.com/library, then pull again.`,
      actions: others,
    };
  }
  const again = [{ id: 'pullModel' as const, label: 'Try again' }, ...others];
  if (/dial tcp|no such host|lookup |i\/o timeout|connection refused|TLS handshake/i.test(text)) {
    return {
      ...failure,
      message: `Ollama could not reach the model registry to pull "${model}" (${text}). The Ollama daemon itself needs internet access (or a proxy set in its environment).`,
      actions: again,
    };
  }
  return { ...failure, message: `Pulling "${model}" failed: ${text}`, actions: again };
}

export function toStats(chunk: GenerateResponse | ChatResponse): GenerationStats {
  return {
    doneReason: chunk.done_reason ?? 'stop',
    totalMs: (chunk.total_duration ?? 0) / NS_PER_MS,
    loadMs: (chunk.load_duration ?? 0) / NS_PER_MS,
    promptTokens: chunk.prompt_eval_count ?? 0,
    promptEvalMs: (chunk.prompt_eval_duration ?? 0) / NS_PER_MS,
    evalTokens: chunk.eval_count ?? 0,
    evalMs: (chunk.eval_duration ?? 0) / NS_PER_MS,
  };
}

/** The log line's rate: "42.0", or "–" without eval time. */
export function rateText(stats: GenerationStats): string {
  return tokensPerSecond(stats)?.toFixed(1) ?? '–';
}

/** A chunk's text, thinking and tool calls as Hearth's stream events, in that order of arrival. */
export function chunkEvents(chunk: GenerateResponse | ChatResponse): ToolStreamEvent[] {
  const events: ToolStreamEvent[] = [];
  const text = 'message' in chunk ? chunk.message.content : chunk.response;
  const thinking = 'message' in chunk ? chunk.message.thinking : chunk.thinking;
  if (thinking) events.push({ kind: 'thinking', text: thinking });
  if (text) events.push({ kind: 'text', text });
  const calls = 'message' in chunk ? chunk.message.tool_calls : undefined;
  if (calls && calls.length > 0) events.push({ kind: 'toolCalls', calls: calls.map((c) => ({ function: { ...c.function } })) });
  return events;
}

/** The log line of a finished stream: sizes, counts and the daemon's own timings. */
export function doneLine(kind: string, model: string, promptChars: number, stats: GenerationStats): string {
  return (
    `${kind} ${model}: ${promptChars} chars → ${stats.promptTokens} prompt tokens, ${stats.evalTokens} generated (${stats.doneReason}) in ${stats.totalMs.toFixed(0)} ms ` +
    `[load ${stats.loadMs.toFixed(0)} ms, prompt ${stats.promptEvalMs.toFixed(0)} ms, ${rateText(stats)} tok/s]`
  );
}

/** How a failed stream ended, for the inspector: the caller's abort reason when it gave one. */
export function exchangeEnding(failure: OllamaFailure, signal: AbortSignal): ExchangeEnding {
  if (failure.kind === 'timeout') return { kind: 'timedOut' };
  if (failure.kind !== 'cancelled') return { kind: 'failed', message: failure.message };
  return abortEnding(signal);
}

/** How a stream the consumer left early ended: its caller aborted it, or it had what it needed. */
export function closedEnding(signal: AbortSignal): ExchangeEnding {
  return signal.aborted ? abortEnding(signal) : { kind: 'closedByHearth' };
}

function abortEnding(signal: AbortSignal): ExchangeEnding {
  const reason: unknown = signal.reason;
  const said = reason instanceof Error && reason.message !== '' && !/operation was aborted/i.test(reason.message) ? reason.message : undefined;
  return { kind: 'aborted', reason: said ?? 'cancelled by the caller' };
}

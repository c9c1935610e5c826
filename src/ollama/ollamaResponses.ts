import type { ChatResponse, GenerateResponse, ProgressResponse } from 'ollama';
import { tokensPerSecond } from '../core/engine/engineTypes';
import type { GenerationStats, PullProgress } from '../core/engine/engineTypes';
import type { OllamaFailure } from '../core/engine/ollamaFailure';

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

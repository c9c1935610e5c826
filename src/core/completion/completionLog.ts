import { OllamaError } from '../engine/ollamaFailure';
import type { GenerationStats } from '../engine/engineTypes';
import type { CompletionRequestRecord } from './completionOutcome';
import type { PreparedRequest } from './completionRequest';

/** The one log line per completion request (never per chunk): how it was asked, and how it ended. */
export function describeRequest(
  id: number,
  prepared: PreparedRequest,
  end: CompletionRequestRecord['end'],
  raw: string,
  ms: number,
  stats: GenerationStats | undefined,
  error: unknown,
): string {
  const r = prepared.request;
  const how = `${r.raw === true ? `raw ${prepared.text.family ?? ''}`.trim() : 'suffix'}, ${prepared.text.mode}`;
  const context = prepared.snippets.length > 0 ? `, ${prepared.snippets.length} snippet${prepared.snippets.length === 1 ? '' : 's'}` : '';
  const tokens = stats !== undefined ? `, ${stats.promptTokens} prompt tokens, ${stats.evalTokens} generated` : '';
  const outcome =
    end === 'failed'
      ? `failed: ${error instanceof OllamaError ? error.failure.detail : String(error)}`
      : end === 'aborted'
        ? 'aborted (superseded or cancelled)'
        : `${end === 'stopped' ? 'stopped at the end of the answer' : `ended (${stats?.doneReason ?? '?'})`}, ${raw.length} chars`;
  return `completion #${id} ${r.model} (${how}): ${prepared.promptChars} prompt chars${context}${tokens} → ${outcome} in ${Math.round(ms)} ms`;
}

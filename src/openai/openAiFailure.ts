import { toOllamaFailure } from '../core/engine/ollamaFailure';
import type { FailureAction, FailureContext, OllamaFailure } from '../core/engine/ollamaFailure';
import { OpenAiHttpError, OpenAiIncompleteError, OpenAiStreamError } from './openAiHttp';

const RETRY: FailureAction = { id: 'retry', label: 'Retry' };
const SETTINGS: FailureAction = { id: 'openSettings', label: 'Open Settings' };
const LOGS: FailureAction = { id: 'showLogs', label: 'Show Logs' };

/**
 * The same failure kinds as Ollama's (so the status bar, setup steps and
 * notifications need not know the engine), in the words of an
 * OpenAI-compatible server: vLLM and llama-server answer 401 without a key,
 * 404 for a model they do not serve, 400 for what they cannot do, 429/503
 * when their queue is full.
 */
export function toOpenAiFailure(error: unknown, ctx: FailureContext): OllamaFailure {
  const model = ctx.model;
  const of = model ? { model } : {};
  const name = model ? `"${model}"` : 'the model';
  if (error instanceof OpenAiHttpError) {
    const base = { ...of, status: error.status, detail: `${error.status} ${error.errorType ?? ''} ${error.serverText}`.replace(/\s+/g, ' ').trim() };
    const said = error.serverText;
    if (error.status === 401 || error.status === 403) {
      return {
        ...base,
        kind: 'unauthorized',
        message: `The server at ${ctx.host} needs an API key (${error.status}: ${said}): run "Hearth: Set API Key…" for this host.`,
        actions: [SETTINGS, RETRY],
      };
    }
    if (error.status === 404 && model !== undefined && /model|not found|does not exist/i.test(said)) {
      return {
        ...base,
        kind: 'modelMissing',
        message: `The server at ${ctx.host} does not serve ${name} (${said}). Choose one of the models it serves on the Status tab, or start the server with this model.`,
        actions: [SETTINGS],
      };
    }
    if (/infill is not supported/i.test(said)) {
      return {
        ...base,
        kind: 'noInsert',
        message: `The server at ${ctx.host} cannot fill in the middle with ${name} (${said}): its model has no FIM tokens. Start llama-server with a FIM-capable model such as Qwen2.5-Coder.`,
        actions: [{ id: 'selectCompletionModel', label: 'Use a FIM-capable model' }],
      };
    }
    if (error.status === 400 && /suffix/i.test(said)) {
      return {
        ...base,
        kind: 'noInsert',
        message: `The server at ${ctx.host} does not take "suffix" for ${name} (${said}). Remove "insert" for it from "hearth.openai.capabilities", so Hearth writes the FIM template itself.`,
        actions: [SETTINGS],
      };
    }
    if (error.status === 429 || error.status === 503) {
      return { ...base, kind: 'busy', message: `The server at ${ctx.host} is busy (${error.status}: ${said}). Retry in a moment.`, actions: [RETRY] };
    }
    if (error.status >= 500) {
      return { ...base, kind: 'server', message: `The server at ${ctx.host} failed running ${name}: ${said}. Its log says why.`, actions: [RETRY, LOGS] };
    }
    return { ...base, kind: 'badRequest', message: `The server at ${ctx.host} rejected the request (${error.status}): ${said}.`, actions: [LOGS] };
  }
  if (error instanceof OpenAiStreamError) {
    return { ...of, kind: 'streamError', detail: error.message, message: `The server reported an error from ${name}: ${error.message}`, actions: [RETRY, LOGS] };
  }
  if (error instanceof OpenAiIncompleteError) {
    return {
      ...of,
      kind: 'streamIncomplete',
      detail: error.message,
      message: `The answer from ${name} ended before it was complete (the connection closed early). Retry; if it keeps happening, check the server's log.`,
      actions: [RETRY, LOGS],
    };
  }
  // Aborts, timeouts and network errors look the same whatever the engine; only the words differ.
  const generic = toOllamaFailure(error, ctx);
  if (generic.kind === 'unreachable') {
    return { ...generic, message: `Cannot reach the OpenAI-compatible server at ${ctx.host}. Check that it runs, and "hearth.openai.host".`, actions: [RETRY, SETTINGS] };
  }
  if (generic.kind === 'timeout') {
    return { ...generic, message: `The server at ${ctx.host} stopped answering${model ? ` while running ${model}` : ''}. The request was cancelled; retry.` };
  }
  return generic;
}

import type { ActionId } from '../../shared/actions';

/**
 * Every way a request to Ollama can fail, as data the UI can show: what
 * happened, what to do, and the actions that do it. No raw exception reaches
 * the user.
 */
export type FailureKind =
  | 'invalidHost'
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'modelMissing'
  | 'noInsert'
  | 'badRequest'
  | 'busy'
  | 'server'
  | 'streamError'
  | 'streamIncomplete'
  | 'cancelled'
  | 'unknown';

/** Failure actions are the panel's actions, so the webview can offer them too. */
export type FailureActionId = ActionId;

export interface FailureAction {
  readonly id: FailureActionId;
  readonly label: string;
}

export interface OllamaFailure {
  readonly kind: FailureKind;
  /** One or two sentences for the user: what happened and what to do. */
  readonly message: string;
  /** The server's or runtime's own words, for the log and "details". */
  readonly detail: string;
  readonly status?: number;
  readonly model?: string;
  readonly actions: readonly FailureAction[];
}

export class OllamaError extends Error {
  constructor(readonly failure: OllamaFailure) {
    super(failure.message);
    this.name = 'OllamaError';
  }
}

/** Shows a failure to the user with its actions as buttons; resolves once a chosen action ran (or none was chosen). */
export type ShowFailure = (failure: OllamaFailure, severity?: 'error' | 'warning') => Promise<void>;

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: OllamaFailure };

export interface FailureContext {
  /** Display form of the host, without credentials. */
  readonly host: string;
  readonly model?: string;
  /** Set when our own watchdog aborted the request. */
  readonly timedOut?: boolean;
  /** Set once the first chunk of a stream has arrived. */
  readonly midStream?: boolean;
}

const RETRY: FailureAction = { id: 'retry', label: 'Retry' };
const START_HELP: FailureAction = { id: 'startOllamaHelp', label: 'How to start Ollama' };
const SETTINGS: FailureAction = { id: 'openSettings', label: 'Open Settings' };
const LOGS: FailureAction = { id: 'showLogs', label: 'Show Logs' };

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

export function toOllamaFailure(error: unknown, ctx: FailureContext): OllamaFailure {
  if (error instanceof OllamaError) return error.failure;
  const detail = describe(error);
  const model = ctx.model;
  const base = { detail, ...(model ? { model } : {}) };

  if (isAbort(error)) {
    return ctx.timedOut
      ? {
          ...base,
          kind: 'timeout',
          message: `Ollama at ${ctx.host} stopped answering${model ? ` while running ${model}` : ''}. The request was cancelled; check that the daemon is not stuck, then retry.`,
          actions: [RETRY, LOGS],
        }
      : { ...base, kind: 'cancelled', message: 'The request was cancelled.', actions: [] };
  }

  const status = statusOf(error);
  if (status !== undefined) {
    const serverText = serverMessage(error);
    const withStatus = { ...base, status };
    if (status === 404 && /not found/i.test(serverText)) {
      return { ...modelMissingFailure(model, ctx.host), ...withStatus };
    }
    if (status === 400 && /does not support insert/i.test(serverText)) {
      return {
        ...withStatus,
        kind: 'noInsert',
        message: `${model ? `"${model}"` : 'This model'} cannot fill in the middle (no insert support). Use a FIM-capable model for completions, such as qwen2.5-coder.`,
        actions: [{ id: 'selectCompletionModel', label: 'Use a FIM-capable model' }],
      };
    }
    if (status === 401 || status === 403) {
      return {
        ...withStatus,
        kind: 'unauthorized',
        message: `Ollama at ${ctx.host} refused the request (${status}): the server or a proxy in front of it needs an API key, or the stored one is wrong. Run "Hearth: Set API Key…" (kept in VS Code's secret storage, sent only to this host).`,
        actions: [{ id: 'setApiKey', label: 'Set API Key…' }, RETRY],
      };
    }
    if (status === 429 || status === 503) {
      return {
        ...withStatus,
        kind: 'busy',
        message: `Ollama at ${ctx.host} is busy (${status}: ${serverText}). Wait for running requests to finish, then retry.`,
        actions: [RETRY],
      };
    }
    if (status >= 500) {
      return {
        ...withStatus,
        kind: 'server',
        message: `Ollama failed${model ? ` running ${model}` : ''}: ${serverText}. The Ollama server log usually says why (often out of memory); retry after fixing it.`,
        actions: [RETRY, LOGS],
      };
    }
    return {
      ...withStatus,
      kind: 'badRequest',
      message: `Ollama rejected the request (${status}): ${serverText}.`,
      actions: [LOGS],
    };
  }

  if (isNetworkError(error)) {
    return {
      ...base,
      kind: 'unreachable',
      message: `Cannot reach Ollama at ${ctx.host}. Start Ollama (run "ollama serve" or open the Ollama app), or check "hearth.ollama.host".`,
      actions: [START_HELP, RETRY, SETTINGS],
    };
  }

  const text = error instanceof Error ? error.message : String(error);
  if (/did not receive done/i.test(text)) {
    return {
      ...base,
      kind: 'streamIncomplete',
      message: `Ollama's answer${model ? ` from ${model}` : ''} ended before it was complete (the connection closed early). Retry; if it keeps happening, check the Ollama server log.`,
      actions: [RETRY, LOGS],
    };
  }
  if (ctx.midStream || error instanceof Error) {
    // The client turns a mid-stream {"error": "..."} line into a plain Error.
    return {
      ...base,
      kind: 'streamError',
      message: `Ollama reported an error${model ? ` from ${model}` : ''}: ${text}`,
      actions: [RETRY, LOGS],
    };
  }
  return { ...base, kind: 'unknown', message: `Unexpected error talking to Ollama: ${text}`, actions: [LOGS] };
}

/** The model is not in the daemon's list (found before sending anything, or a 404). */
export function modelMissingFailure(model: string | undefined, host: string): OllamaFailure {
  return {
    kind: 'modelMissing',
    message: `The model ${model ? `"${model}" ` : ''}is not installed in Ollama at ${host}. Pull it, or choose an installed model.`,
    detail: `model ${model ? `'${model}' ` : ''}not found`,
    ...(model ? { model } : {}),
    actions: [{ id: 'pullModel', label: 'Pull model' }, SETTINGS],
  };
}

/** The completion model can neither take `suffix` nor a raw template Hearth knows; `message` says what to do. */
export function noFimFailure(model: string, message: string): OllamaFailure {
  return {
    kind: 'noInsert',
    message,
    detail: `${model} has no insert capability and no known FIM template`,
    model,
    actions: [{ id: 'selectCompletionModel', label: 'Use a FIM-capable model' }, SETTINGS],
  };
}

export function invalidHostFailure(message: string): OllamaFailure {
  return {
    kind: 'invalidHost',
    message: `${message}. Use a form like 127.0.0.1:11434 or http://host:11434.`,
    detail: message,
    actions: [SETTINGS],
  };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

// The `ollama` package throws a ResponseError it does not export: match on shape.
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { name?: unknown; status_code?: unknown };
  return e.name === 'ResponseError' && typeof e.status_code === 'number' ? e.status_code : undefined;
}

function serverMessage(error: unknown): string {
  const e = error as { error?: unknown; message?: unknown };
  const text = typeof e.error === 'string' ? e.error : typeof e.message === 'string' ? e.message : '';
  return text.trim() || 'no details';
}

function isNetworkError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (e instanceof TypeError && /fetch failed|network/i.test(e.message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? ` (${(cause as { code?: string }).code ?? cause.name}: ${cause.message})` : '';
  return `${error.name}: ${error.message}${causeText}`;
}

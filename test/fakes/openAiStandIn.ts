import type { Fault, RecordedRequest, StandInModel } from './ollamaStandIn';
import type { StandInExchange } from './standInExchange';
import { asString, isRecord } from './standInGeneration';
import type { StandInContext } from './standInInference';
import { findModel } from './standInModels';
import { runOpenAiGeneration } from './openAiStandInGeneration';

/**
 * The stand-in's OpenAI-compatible mode: the routes and wire details of vLLM
 * (0.10/0.11) and llama.cpp's llama-server, read from their sources and
 * docs. Ollama's own routes are absent in this mode, as on those servers.
 */
export interface OpenAiMode {
  flavor: 'vllm' | 'llama-server';
  /** Like `--api-key`: every request but the public ones needs `Authorization: Bearer <key>`. */
  apiKey?: string;
}

export interface OpenAiStandInContext extends StandInContext {
  takeFault(path: string, kinds: ReadonlyArray<Fault['kind']>): Fault | undefined;
}

const ROUTES: Record<OpenAiMode['flavor'], Record<string, string>> = {
  vllm: { '/v1/models': 'GET', '/v1/completions': 'POST', '/v1/chat/completions': 'POST', '/health': 'GET', '/version': 'GET' },
  'llama-server': {
    '/v1/models': 'GET', '/v1/completions': 'POST', '/v1/chat/completions': 'POST', '/health': 'GET', '/props': 'GET', '/infill': 'POST',
  },
};

// vLLM's key middleware guards /v1 only; llama-server leaves health and the model list open (its web UI reads them).
const PUBLIC: Record<OpenAiMode['flavor'], readonly string[]> = {
  vllm: ['/health', '/version', '/props', '/infill'],
  'llama-server': ['/health', '/v1/models'],
};

export async function handleOpenAi(
  ctx: OpenAiStandInContext, mode: OpenAiMode, ex: StandInExchange, rec: RecordedRequest, parsed: { value: unknown; error?: string },
): Promise<void> {
  if (mode.apiKey !== undefined && !PUBLIC[mode.flavor].includes(rec.path) && rec.headers.authorization !== `Bearer ${mode.apiKey}`) {
    // vLLM answers its own terse body; llama-server its usual error object.
    if (mode.flavor === 'vllm') return ex.json(401, { error: 'Unauthorized' });
    return openAiError(ex, mode, 401, 'Invalid API Key', 'authentication_error');
  }
  const fault = ctx.takeFault(rec.path, ['status', 'hang']);
  if (fault) rec.fault = fault.kind;
  if (fault?.kind === 'status') return openAiError(ex, mode, fault.status, fault.error, fault.status >= 500 ? 'server_error' : 'invalid_request_error');
  if (fault?.kind === 'hang') return ex.hang();

  const method = ROUTES[mode.flavor][rec.path];
  if (method === undefined) {
    return mode.flavor === 'vllm' ? ex.json(404, { detail: 'Not Found' }) : openAiError(ex, mode, 404, 'File Not Found', 'not_found_error');
  }
  if (rec.method !== method) return mode.flavor === 'vllm' ? ex.json(405, { detail: 'Method Not Allowed' }) : openAiError(ex, mode, 405, 'Method Not Allowed', 'invalid_request_error');
  if (method === 'POST' && parsed.error !== undefined) return openAiError(ex, mode, 400, `JSON decode error: ${parsed.error}`, 'invalid_request_error');
  const body = isRecord(parsed.value) ? parsed.value : {};
  const models = ctx.models();
  switch (rec.path) {
    case '/health': return mode.flavor === 'vllm' ? ex.send(200, 'application/json', '') : ex.json(200, { status: 'ok' });
    case '/version': return ex.json(200, { version: ctx.version() });
    // llama-server serves the one model it was started with.
    case '/v1/models': return ex.json(200, { object: 'list', data: (mode.flavor === 'vllm' ? models : models.slice(0, 1)).map((m) => modelEntry(m, mode)) });
    case '/props': return ex.json(200, props(models[0], ctx.version()));
    default: break;
  }
  const route = rec.path === '/infill' ? 'infill' : rec.path === '/v1/chat/completions' ? 'chat' : 'completions';
  const name = asString(body.model);
  // llama-server serves the one model it was started with, whatever the request names.
  const model = mode.flavor === 'llama-server' ? models[0] : findModel(models, name);
  if (!model) {
    return mode.flavor === 'vllm' && name !== ''
      ? ex.json(404, { error: { message: `The model \`${name}\` does not exist.`, type: 'NotFoundError', param: 'model', code: 404 } })
      : openAiError(ex, mode, 400, 'model is required', 'invalid_request_error');
  }
  const refusal = refuse(route, mode, model, body);
  if (refusal) return openAiError(ex, mode, refusal.status, refusal.message, refusal.type);
  await runOpenAiGeneration(ctx, mode, ex, rec, route, model, body);
}

/** What the servers reject before generating: any suffix (vLLM's completions take none), /infill without FIM tokens, tools without a parser. */
function refuse(route: string, mode: OpenAiMode, model: StandInModel, body: Record<string, unknown>): { status: number; message: string; type: string } | undefined {
  if (route === 'completions' && mode.flavor === 'vllm' && asString(body.suffix) !== '') {
    return { status: 400, message: 'suffix is not currently supported', type: 'BadRequestError' };
  }
  if (route === 'infill' && !model.capabilities.includes('insert') && !/coder|code|starcoder/i.test(model.name)) {
    return { status: 501, message: 'Infill is not supported by this model: prefix token is missing.', type: 'not_supported_error' };
  }
  if (route === 'chat' && Array.isArray(body.tools) && body.tools.length > 0 && !model.capabilities.includes('tools')) {
    return { status: 400, message: '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set', type: 'BadRequestError' };
  }
  if (route === 'chat' && !Array.isArray(body.messages)) return { status: 400, message: "'messages' is required", type: 'invalid_request_error' };
  return undefined;
}

/** vLLM: {"error": {message, type, param, code}}; llama-server: {"error": {code, message, type}}. */
export function openAiError(ex: StandInExchange, mode: OpenAiMode, status: number, message: string, type: string): void {
  ex.json(status, mode.flavor === 'vllm' ? { error: { message, type, param: null, code: status } } : { error: { code: status, message, type } });
}

function modelEntry(m: StandInModel, mode: OpenAiMode): Record<string, unknown> {
  const created = 1_733_000_000;
  return mode.flavor === 'vllm'
    ? { id: m.name, object: 'model', created, owned_by: 'vllm', root: m.name, parent: null, max_model_len: m.contextLength, permission: [] }
    : { id: m.name, object: 'model', created, owned_by: 'llamacpp', meta: { n_ctx_train: m.contextLength, size: m.sizeBytes, n_params: 7_000_000_000 } };
}

function props(model: StandInModel | undefined, build: string): Record<string, unknown> {
  return {
    default_generation_settings: { n_ctx: model?.contextLength ?? 4096, params: { n_predict: -1, temperature: 0.8 } },
    total_slots: 1,
    model_path: `/models/${model?.name ?? 'model'}.gguf`,
    chat_template: model?.template ?? '',
    modalities: { vision: false, audio: false },
    build_info: build,
  };
}

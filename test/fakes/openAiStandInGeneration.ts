import type { GenerationRequest, RecordedRequest, StandInModel } from './ollamaStandIn';
import type { OpenAiMode, OpenAiStandInContext } from './openAiStandIn';
import { openAiError } from './openAiStandIn';
import type { StandInExchange } from './standInExchange';
import { asString, commonPrefixLength, defaultReply, estimateTokens, isRecord, planGeneration, promptText } from './standInGeneration';
import { parseToolCalls } from './standInChatTools';
import type { ChatChunk } from './standInChatTools';

type Route = 'completions' | 'chat' | 'infill';
const MALFORMED = '{"id":"cmpl-1","object":"text_completion","choi';

/**
 * One generation on the OpenAI-compatible routes: the same scripted replies,
 * latency model, slots, prefix cache and stream faults as the Ollama routes,
 * written as Server-Sent Events. /v1 streams end with `data: [DONE]` (after a
 * `usage` chunk when stream_options.include_usage is set); llama-server's
 * /infill ends with an event carrying `stop: true` and `timings`, no [DONE].
 */
export async function runOpenAiGeneration(
  ctx: OpenAiStandInContext, mode: OpenAiMode, ex: StandInExchange, rec: RecordedRequest, route: Route, model: StandInModel, body: Record<string, unknown>,
): Promise<void> {
  const request = asOllamaRequest(route, model, body);
  const prompt = promptText(request);
  rec.promptTokens = estimateTokens(prompt);
  const maxTokens = numberOr(route === 'infill' ? body.n_predict : body.max_tokens, undefined);
  if (rec.promptTokens + (maxTokens ?? 0) > model.contextLength) {
    const message = mode.flavor === 'vllm'
      ? `This model's maximum context length is ${model.contextLength} tokens. However, you requested ${rec.promptTokens + (maxTokens ?? 0)} tokens. Please reduce the length of the messages or completion.`
      : 'the request exceeds the available context size, try increasing it';
    return openAiError(ex, mode, 400, message, mode.flavor === 'vllm' ? 'BadRequestError' : 'exceed_context_size_error');
  }
  const release = await ctx.loader.takeSlot(model, ex);
  if (!release) return;
  rec.slotAt = Date.now();
  const entry = ctx.loader.acquire(model, model.contextLength, Infinity, 0);
  try {
    rec.numCtx = entry.contextLength;
    const thinkOn = route === 'chat' && model.capabilities.includes('thinking');
    const plan = planGeneration(ctx.scriptedReply(request) ?? defaultReply(request), thinkOn, maxTokens, body.stop);
    const parsed = route === 'chat' ? parseToolCalls(plan.chunks, model, body.tools, '0.12.10') : { chunks: plan.chunks as ChatChunk[], calls: [] };
    const uncached = estimateTokens(prompt.slice(commonPrefixLength(entry.cachedPrompt, prompt)));
    entry.cachedPrompt = prompt;
    const latency = ctx.latency();
    const t0 = Date.now();
    if (!(await ex.sleep(latency.timeToFirstTokenMs + latency.perPromptTokenMs * uncached))) return;
    const promptMs = Date.now() - t0;
    const fault = ctx.takeStreamFault(rec.path);
    if (fault) rec.fault = fault.kind;
    const after = fault && 'afterTokens' in fault ? fault.afterTokens : 0;
    const id = `${route === 'chat' ? 'chatcmpl' : 'cmpl'}-${rec.id}`;
    const head = { id, object: route === 'chat' ? 'chat.completion.chunk' : 'text_completion', created: Math.floor(t0 / 1000), model: model.name };
    if (route === 'chat') ex.event({ ...head, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    let callIndex = 0;
    for (const [i, chunk] of parsed.chunks.entries()) {
      if (fault && fault.kind !== 'status' && fault.kind !== 'hang' && rec.tokensSent >= after) return applyFault(ex, mode, fault.kind, 'error' in fault ? fault.error : '');
      if (!(await ex.sleep(latency.perTokenMs * (chunk.tokens - (i === 0 ? 1 : 0))))) return;
      for (const data of chunkEvents(route, mode, head, chunk, () => callIndex++)) ex.event(data);
      rec.firstTokenAt ??= Date.now();
      rec.tokensSent++;
      if (chunk.kind === 'response') rec.textSent = (rec.textSent ?? '') + chunk.text;
      ctx.notify();
    }
    if (fault && fault.kind !== 'status' && fault.kind !== 'hang') return applyFault(ex, mode, fault.kind, 'error' in fault ? fault.error : '');
    const evalMs = Date.now() - t0 - promptMs;
    const timings = { prompt_n: uncached, prompt_ms: promptMs, predicted_n: plan.evalCount, predicted_ms: evalMs };
    const finish = parsed.calls.length > 0 ? 'tool_calls' : plan.doneReason;
    if (route === 'infill') {
      ex.event({ content: '', stop: true, stop_type: plan.doneReason === 'length' ? 'limit' : 'eos', tokens_predicted: plan.evalCount, tokens_evaluated: rec.promptTokens, timings, model: model.name });
      return ex.end();
    }
    const last = route === 'chat' ? { index: 0, delta: {}, finish_reason: finish } : { index: 0, text: '', finish_reason: finish };
    ex.event({ ...head, choices: [last], ...(mode.flavor === 'llama-server' ? { timings } : {}) });
    if (isRecord(body.stream_options) && body.stream_options.include_usage === true) {
      ex.event({ ...head, choices: [], usage: { prompt_tokens: rec.promptTokens, completion_tokens: plan.evalCount, total_tokens: rec.promptTokens + plan.evalCount } });
    }
    ex.event('[DONE]');
    ex.end();
  } finally {
    ctx.loader.release(entry, Infinity);
    release();
  }
}

function chunkEvents(route: Route, mode: OpenAiMode, head: Record<string, unknown>, chunk: ChatChunk, nextIndex: () => number): unknown[] {
  if (route === 'infill') return chunk.kind === 'response' && chunk.text !== '' ? [{ content: chunk.text, stop: false, id_slot: 0 }] : [];
  if (route === 'completions') return [{ ...head, choices: [{ index: 0, text: chunk.text, logprobs: null, finish_reason: null }] }];
  const delta = (d: Record<string, unknown>): Record<string, unknown> => ({ ...head, choices: [{ index: 0, delta: d, finish_reason: null }] });
  if (chunk.kind === 'thinking') return [delta({ [mode.flavor === 'vllm' ? 'reasoning' : 'reasoning_content']: chunk.text })];
  const events: unknown[] = chunk.text !== '' ? [delta({ content: chunk.text })] : [];
  // Each call as the servers stream it: id and name first, then the JSON arguments in two string pieces.
  for (const call of chunk.toolCalls ?? []) {
    const index = nextIndex();
    const args = JSON.stringify(call.function.arguments);
    const cut = Math.floor(args.length / 2);
    events.push(
      delta({ tool_calls: [{ index, id: `call_${index}_${Date.now() % 10_000}`, type: 'function', function: { name: call.function.name, arguments: '' } }] }),
      delta({ tool_calls: [{ index, function: { arguments: args.slice(0, cut) } }] }),
      delta({ tool_calls: [{ index, function: { arguments: args.slice(cut) } }] }),
    );
  }
  return events;
}

async function applyFault(ex: StandInExchange, mode: OpenAiMode, kind: string, error: string): Promise<void> {
  switch (kind) {
    case 'midStreamError':
      ex.event(mode.flavor === 'vllm' ? { error: { message: error, type: 'InternalServerError', param: null, code: 500 } } : { error: { code: 500, message: error, type: 'server_error' } });
      if (mode.flavor === 'vllm') ex.event('[DONE]');
      return ex.end();
    case 'endWithoutDone': return ex.end();
    case 'malformedLine': ex.event(MALFORMED); return ex.end();
    default: return ex.hang();
  }
}

/**
 * The request as the scripted-reply machinery knows it (Ollama's shape): tool
 * results named by their tool, call arguments as objects, a completion as a
 * raw prompt (its FIM template already written, or prefix and suffix apart).
 */
function asOllamaRequest(route: Route, model: StandInModel, body: Record<string, unknown>): GenerationRequest {
  if (route === 'chat') {
    const names = new Map<string, string>();
    const messages = (Array.isArray(body.messages) ? body.messages.filter(isRecord) : []).map((m) => {
      const calls = Array.isArray(m.tool_calls) ? m.tool_calls.filter(isRecord) : [];
      for (const c of calls) names.set(asString(c.id), asString(isRecord(c.function) ? c.function.name : ''));
      const toolCalls = calls.map((c) => ({ function: { name: names.get(asString(c.id)), arguments: parseArgs(isRecord(c.function) ? c.function.arguments : '') } }));
      return {
        role: m.role, content: asString(m.content),
        ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        ...(m.role === 'tool' ? { tool_name: names.get(asString(m.tool_call_id)) ?? '' } : {}),
      };
    });
    return { path: '/api/chat', model: model.name, body: { model: model.name, messages, tools: body.tools }, visibleMessages: messages };
  }
  const extra = Array.isArray(body.input_extra) ? body.input_extra.filter(isRecord).map((c) => asString(c.text)).join('') : '';
  const prompt = route === 'infill' ? extra + asString(body.input_prefix) + asString(body.input_suffix) : asString(body.prompt) + asString(body.suffix);
  return { path: '/api/generate', model: model.name, body: { model: model.name, prompt, raw: true } };
}

function parseArgs(value: unknown): unknown {
  try { return typeof value === 'string' ? JSON.parse(value) : value; } catch { return value; }
}

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  return typeof value === 'number' && value > 0 ? value : fallback;
}

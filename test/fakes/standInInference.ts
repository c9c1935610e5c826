import type { Fault, GenerationRequest, LatencyModel, RecordedRequest, ScriptedReply, StandInModel } from './ollamaStandIn';
import type { StandInExchange } from './standInExchange';
import {
  asString, checkFieldTypes, checkMessages, commonPrefixLength, defaultReply, estimateTokens, isRecord,
  parseKeepAlive, planGeneration, promptText,
} from './standInGeneration';
import type { ModelLoader } from './standInLoader';
import { findModel, qualifiedName } from './standInModels';
import { parseToolCalls, visibleMessages } from './standInChatTools';
import type { ChatChunk } from './standInChatTools';
import { respondOnce, streamLines } from './standInStream';
import { checkToolFields } from './standInToolCalls';
import type { StreamChunk } from './standInStream';

/** What the route handlers read from the stand-in; live, because tests mutate it mid-test. */
export interface StandInContext {
  models(): StandInModel[];
  pullable(): StandInModel[];
  latency(): LatencyModel;
  readonly loader: ModelLoader;
  scriptedReply(req: GenerationRequest): ScriptedReply | undefined;
  /** The daemon version the stand-in reports: some wire details depend on it. */
  version(): string;
  takeStreamFault(path: string): Fault | undefined;
  /** Wakes waitForRequest/waitForOutcome predicates, e.g. after tokensSent changed. */
  readonly notify: () => void;
}

type Body = Record<string, unknown>;

const now = (): string => new Date().toISOString();
const hrNow = (): bigint => process.hrtime.bigint();

/**
 * POST /api/generate and /api/chat, checked in the order GenerateHandler and
 * ChatHandler check: body types, model, keep_alive (an unload request returns
 * early), raw mode, thinking, capabilities, then the scheduler (queue, load),
 * then the empty-prompt warm-up, then generation.
 */
export async function handleGeneration(
  ctx: StandInContext, ex: StandInExchange, rec: RecordedRequest, path: '/api/generate' | '/api/chat', body: Body,
): Promise<void> {
  const t0 = hrNow();
  const isChat = path === '/api/chat';
  const typeError = isChat
    ? checkFieldTypes(body, 'ChatRequest', { model: 'string', stream: 'bool', options: 'object' }) ?? checkMessages(body.messages) ?? checkToolFields(body)
    : checkFieldTypes(body, 'GenerateRequest', {
      model: 'string', prompt: 'string', suffix: 'string', system: 'string', template: 'string',
      stream: 'bool', raw: 'bool', options: 'object',
    });
  if (typeError) return ex.json(400, { error: typeError });
  const name = asString(body.model);
  if (name === '') return ex.json(400, { error: 'model is required' });
  const model = findModel(ctx.models(), name);
  if (!model) return ex.json(404, { error: `model '${name}' not found` });
  const keepAlive = parseKeepAlive(body.keep_alive);
  if ('error' in keepAlive) return ex.json(400, { error: keepAlive.error });

  const messages = isChat && Array.isArray(body.messages) ? body.messages : [];
  const empty = isChat ? messages.length === 0 : asString(body.prompt) === '';
  if (empty && keepAlive.ms === 0) {
    ctx.loader.unload(model);
    return ex.json(200, doneLine(isChat, name, 'unload'));
  }
  const hasContext = Array.isArray(body.context) && body.context.length > 0;
  if (!isChat && body.raw === true && (asString(body.template) !== '' || asString(body.system) !== '' || hasContext)) {
    return ex.json(400, { error: 'raw mode does not support template, system, or context' });
  }
  const caps = model.capabilities;
  const thinkAsked = body.think !== undefined && body.think !== null && body.think !== false;
  if (thinkAsked && !caps.includes('thinking')) return ex.json(400, { error: `"${name}" does not support thinking` });
  if (!caps.includes('completion')) return ex.json(400, { error: `"${name}" does not support ${isChat ? 'chat' : 'generate'}` });
  const missing = [
    ...(!isChat && asString(body.suffix) !== '' && !caps.includes('insert') ? ['insert'] : []),
    ...(isChat && Array.isArray(body.tools) && body.tools.length > 0 && !caps.includes('tools') ? ['tools'] : []),
  ];
  if (missing.length > 0) return ex.json(400, { error: `${qualifiedName(model.name)} does not support ${missing.join(' ')}` });

  const options = isRecord(body.options) ? body.options : {};
  const numCtx = typeof options.num_ctx === 'number' && options.num_ctx > 0 ? options.num_ctx : ctx.loader.defaultNumCtx;
  const release = await ctx.loader.takeSlot(model, ex);
  if (!release) return;
  rec.slotAt = Date.now();
  const latency = ctx.latency();
  const entry = ctx.loader.acquire(model, numCtx, keepAlive.ms, latency.loadMs);
  try {
    if (!(await ex.sleep(entry.readyAt - Date.now()))) return;
    const tLoaded = hrNow();
    if (empty) return ex.json(200, doneLine(isChat, name, 'load'));

    rec.numCtx = entry.contextLength;
    const seen = isChat ? visibleMessages(body.messages, body.tools, entry.contextLength) : undefined;
    if (seen) rec.droppedMessages = seen.dropped;
    const request: GenerationRequest = { path, model: name, body, ...(seen ? { visibleMessages: seen.visible } : {}) };
    const plan = planGeneration(ctx.scriptedReply(request) ?? defaultReply(request),
      caps.includes('thinking') && body.think !== false, options.num_predict, options.stop);
    const parsed = isChat ? parseToolCalls(plan.chunks, model, body.tools, ctx.version()) : { chunks: plan.chunks, finalContent: '', calls: [] };
    rec.promptTokens = estimateTokens(promptText({ path, model: name, body }));
    const text = promptText(request);
    const uncached = estimateTokens(text.slice(commonPrefixLength(entry.cachedPrompt, text)));
    entry.cachedPrompt = text;
    if (!(await ex.sleep(latency.timeToFirstTokenMs + latency.perPromptTokenMs * uncached))) return;
    const tPrompt = hrNow();

    const fault = ctx.takeStreamFault(path);
    if (fault) rec.fault = fault.kind;
    const chunks: StreamChunk[] = parsed.chunks.map((c, i) => ({
      // The first token arrives with the prompt evaluation; each later token costs perTokenMs.
      delayMs: latency.perTokenMs * (c.tokens - (i === 0 ? 1 : 0)),
      line: () => chunkLine(isChat, name, c),
      ...(c.kind === 'response' ? { text: c.text } : {}),
    }));
    const metrics = (): Record<string, number> => {
      const tEnd = hrNow();
      return {
        total_duration: Number(tEnd - t0), load_duration: Number(tLoaded - t0),
        prompt_eval_count: Math.min(rec.promptTokens ?? 1, entry.contextLength),
        prompt_eval_duration: Number(tPrompt - tLoaded),
        eval_count: plan.evalCount, eval_duration: Number(tEnd - tPrompt),
      };
    };
    if (body.stream !== false) {
      await streamLines(ex, rec, chunks, () => doneLine(isChat, name, plan.doneReason, metrics(), parsed.finalContent), fault, ctx.notify);
      return;
    }
    await respondOnce(ex, rec, chunks, () => {
      const thinking = plan.thinking !== '' ? { thinking: plan.thinking } : {};
      // With tools, content is what the tool-call parser let through.
      const content = parsed.chunks.filter((c) => c.kind === 'response').map((c) => c.text).join('') + parsed.finalContent;
      const calls = parsed.calls.length > 0 ? { tool_calls: parsed.calls } : {};
      const head = isChat
        ? { model: name, created_at: now(), message: { role: 'assistant', content, ...thinking, ...calls } }
        : { model: name, created_at: now(), response: plan.response, ...thinking };
      return { ...head, done: true, done_reason: plan.doneReason, ...metrics() };
    }, fault, ctx.notify);
  } finally {
    ctx.loader.release(entry, keepAlive.ms);
    release();
  }
}

function chunkLine(isChat: boolean, model: string, c: ChatChunk): Record<string, unknown> {
  const thinking = c.kind === 'thinking';
  if (isChat) {
    const calls = c.toolCalls ? { tool_calls: c.toolCalls } : {};
    const message = thinking ? { role: 'assistant', content: '', thinking: c.text } : { role: 'assistant', content: c.text, ...calls };
    return { model, created_at: now(), message, done: false };
  }
  return thinking
    ? { model, created_at: now(), response: '', thinking: c.text, done: false }
    : { model, created_at: now(), response: c.text, done: false };
}

function doneLine(isChat: boolean, model: string, reason: string, metrics: Record<string, number> = {}, content = ''): Record<string, unknown> {
  const head = isChat
    ? { model, created_at: now(), message: { role: 'assistant', content } }
    : { model, created_at: now(), response: '' };
  return { ...head, done: true, done_reason: reason, ...metrics };
}

import type { GenerationRequest, ScriptedReply, StandInModel } from './ollamaStandIn';
import { isRecord, wordTokens } from './standInGeneration';
import { toolCallTag } from './standInToolCalls';

/** What a scripted chat model knows when it picks its next reply. */
export interface ScriptContext {
  /** Assistant messages so far in the request (0 for the first reply). */
  readonly turn: number;
  /** The latest `role: "tool"` message the model can see, if the request ends with tool results. */
  readonly lastTool?: { readonly name: string; readonly content: string };
  /** The messages the model sees (after the daemon's silent truncation). */
  readonly messages: readonly Record<string, unknown>[];
  readonly request: GenerationRequest;
}

export interface ScriptStep {
  /** Reply at this turn only. */
  readonly turn?: number;
  /** Reply when the latest tool result is from this tool and/or contains this text. */
  readonly afterTool?: { readonly name?: string; readonly includes?: string | RegExp };
  /** Use the step again after it matched (default: once). */
  readonly repeat?: boolean;
  readonly reply: ScriptedReply | ((ctx: ScriptContext) => ScriptedReply);
}

/**
 * A multi-turn chat model for OllamaStandIn.reply(): each request is answered
 * by the first unused step whose conditions hold (a turn number, the last tool
 * result), else undefined (the stand-in's default reply). Replies are raw model
 * output: a call is text in the model's own format (see callText), which the
 * stand-in's tool-call parser turns into `message.tool_calls` as the daemon would.
 */
export function scriptedChat(steps: readonly ScriptStep[]): (req: GenerationRequest) => ScriptedReply | undefined {
  const used = new Set<ScriptStep>();
  return (req) => {
    if (req.path !== '/api/chat') return undefined;
    const ctx = scriptContext(req);
    const step = steps.find((s) => !used.has(s) && matches(s, ctx));
    if (!step) return undefined;
    if (!step.repeat) used.add(step);
    return typeof step.reply === 'function' ? step.reply(ctx) : step.reply;
  };
}

export function scriptContext(req: GenerationRequest): ScriptContext {
  const all = Array.isArray(req.body.messages) ? req.body.messages.filter(isRecord) : [];
  const messages = req.visibleMessages ?? all;
  const last = messages[messages.length - 1];
  const lastTool = last?.role === 'tool' ? { name: typeof last.tool_name === 'string' ? last.tool_name : '', content: typeof last.content === 'string' ? last.content : '' } : undefined;
  return { turn: all.filter((m) => m.role === 'assistant').length, ...(lastTool ? { lastTool } : {}), messages, request: req };
}

function matches(step: ScriptStep, ctx: ScriptContext): boolean {
  if (step.turn !== undefined && step.turn !== ctx.turn) return false;
  if (step.afterTool) {
    const tool = ctx.lastTool;
    if (!tool) return false;
    if (step.afterTool.name !== undefined && tool.name !== step.afterTool.name) return false;
    const want = step.afterTool.includes;
    if (typeof want === 'string' && !tool.content.includes(want)) return false;
    if (want instanceof RegExp && !want.test(tool.content)) return false;
  }
  return true;
}

/**
 * How `model` writes a call when it follows its template: inside the tag
 * (qwen: <tool_call>{"name", "arguments"}</tool_call>), or for the "{" tag
 * as a bare {"name", "parameters"} object (llama 3.x).
 */
export function callText(model: StandInModel, calls: readonly { name: string; args: Record<string, unknown> }[]): string {
  const tag = toolCallTag(model.template);
  if (tag === '{') return calls.map((c) => JSON.stringify({ name: c.name, parameters: c.args })).join('\n');
  const close = /^<[\w-]+>$/.test(tag) ? `</${tag.slice(1)}` : '';
  return calls.map((c) => `${tag}\n${JSON.stringify({ name: c.name, arguments: c.args })}\n${close}`).join('\n');
}

/** A reply of raw text in tokens of at most four characters. */
export function textReply(text: string, thinking?: string): ScriptedReply {
  // Short pieces, as a tokenizer makes them: a tag or a call then spans several chunks.
  const pieces = text.match(/\s*[^\s]{1,4}|\s+$/g) ?? [];
  return { tokens: pieces, ...(thinking !== undefined ? { thinking: wordTokens(thinking) } : {}) };
}

import type { GenerationStats, StreamedToolCall, ToolChatRequest } from '../engine/engineTypes';
import type { AgentEvent, AgentModelServer } from './agentTypes';
import type { RequestTrace } from '../inspector/requestTrace';

/** One model reply, whole. */
export interface ModelTurn {
  readonly text: string;
  readonly thinking: string;
  /** Native calls from `message.tool_calls`, merged across chunks. */
  readonly nativeCalls: readonly { readonly name: string; readonly args: unknown }[];
  readonly promptTokens: number;
  readonly evalTokens: number;
  readonly doneReason: string;
}

/**
 * Streams one request and gathers the reply. Text and thinking are passed on
 * as they arrive (thinking stays apart, also when a model without a thinking
 * parser writes <think>…</think> into its text). Native calls are collected
 * from every chunk that carries them: Ollama sends each call whole, possibly
 * several per chunk or one per chunk; OpenAI-style engines send a call's
 * `arguments` as string pieces under one index, which are joined here.
 */
export async function streamModelTurn(
  server: AgentModelServer,
  request: ToolChatRequest,
  stepId: number,
  emit: (event: AgentEvent) => void,
  signal: AbortSignal,
  trace?: RequestTrace,
): Promise<ModelTurn> {
  let raw = '';
  let thinking = '';
  const calls: { name: string; args: unknown; index: number | undefined }[] = [];
  let stats: GenerationStats | undefined;
  const splitter = new ThinkSplitter();
  for await (const chunk of server.chatWithTools(request, signal, trace)) {
    switch (chunk.kind) {
      case 'text': {
        raw += chunk.text;
        const { text, think } = splitter.push(chunk.text);
        if (think !== '') {
          thinking += think;
          emit({ kind: 'modelThinking', stepId, text: think });
        }
        if (text !== '') emit({ kind: 'modelText', stepId, text });
        break;
      }
      case 'thinking':
        thinking += chunk.text;
        emit({ kind: 'modelThinking', stepId, text: chunk.text });
        break;
      case 'toolCalls':
        for (const call of chunk.calls) mergeCall(calls, call);
        break;
      case 'done':
        stats = chunk.stats;
        break;
    }
  }
  const split = splitThink(raw);
  return {
    text: split.text,
    thinking: thinking === '' ? split.think : thinking,
    nativeCalls: calls.map((c) => ({ name: c.name, args: c.args })),
    promptTokens: stats?.promptTokens ?? 0,
    evalTokens: stats?.evalTokens ?? 0,
    doneReason: stats?.doneReason ?? 'stop',
  };
}

function mergeCall(calls: { name: string; args: unknown; index: number | undefined }[], call: StreamedToolCall): void {
  const index = call.function.index;
  const previous = index !== undefined ? calls.find((c) => c.index === index) : undefined;
  // A continuation: same index, no new name (or the same), string pieces of the arguments.
  if (previous && (call.function.name === '' || call.function.name === previous.name) && typeof call.function.arguments === 'string' && typeof previous.args === 'string') {
    previous.args += call.function.arguments;
    return;
  }
  calls.push({ name: call.function.name, args: call.function.arguments, index });
}

/** `<think>…</think>` moved out of the text, for whole replies. */
export function splitThink(text: string): { text: string; think: string } {
  let think = '';
  const rest = text.replace(/<think>([\s\S]*?)(?:<\/think>|$)/g, (_m, inner: string) => {
    think += inner;
    return '';
  });
  return { text: rest, think: think.trim() };
}

/** The same while streaming: holds back a partial tag until it is resolved. */
class ThinkSplitter {
  private inThink = false;
  private pending = '';

  push(piece: string): { text: string; think: string } {
    let buffer = this.pending + piece;
    this.pending = '';
    let text = '';
    let think = '';
    for (;;) {
      const tag = this.inThink ? '</think>' : '<think>';
      const at = buffer.indexOf(tag);
      if (at >= 0) {
        if (this.inThink) think += buffer.slice(0, at);
        else text += buffer.slice(0, at);
        buffer = buffer.slice(at + tag.length);
        this.inThink = !this.inThink;
        continue;
      }
      let keep = 0;
      for (let k = Math.min(tag.length - 1, buffer.length); k > 0; k--) {
        if (buffer.endsWith(tag.slice(0, k))) {
          keep = k;
          break;
        }
      }
      const out = buffer.slice(0, buffer.length - keep);
      this.pending = buffer.slice(buffer.length - keep);
      if (this.inThink) think += out;
      else text += out;
      return { text, think };
    }
  }
}

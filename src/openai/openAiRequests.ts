import type { ChatMessage, ChatRequest, GenerateRequest, ToolDefinition } from '../core/engine/engineTypes';

/**
 * Hearth's requests in the OpenAI-compatible wire format. Sampling options
 * arrive in Ollama's names (the features speak one dialect); num_ctx and
 * keep_alive have no counterpart here (the server fixes its context length
 * and keeps its model loaded), so they are left out rather than sent under
 * names the server would reject.
 */
export function chatBody(request: ChatRequest, tools: readonly ToolDefinition[]): Record<string, unknown> {
  return {
    model: request.model,
    messages: toWireMessages(request.messages),
    ...(tools.length > 0 ? { tools: tools.map((t) => ({ type: t.type, function: { ...t.function } })) } : {}),
    ...sampling(request.options, 'max_tokens'),
    stream: true,
    stream_options: { include_usage: true },
  };
}

/** /v1/completions: `suffix` only when the model takes it (the `suffix` transport); else the prompt is the whole raw FIM text. */
export function completionBody(request: GenerateRequest): Record<string, unknown> {
  const prompt = request.system && request.suffix === undefined ? `${request.system}\n\n${request.prompt}` : request.prompt;
  return {
    model: request.model,
    prompt,
    ...(request.suffix !== undefined ? { suffix: request.suffix } : {}),
    ...sampling(request.options, 'max_tokens'),
    stream: true,
    stream_options: { include_usage: true },
  };
}

/**
 * llama-server's /infill: the prefix and suffix apart, other files as
 * `input_extra` chunks, which the server places before the FIM prefix in a
 * stable order and keeps in its KV cache (`cache_prompt`), so only the
 * changed tail of the next request is evaluated.
 */
export function infillBody(request: GenerateRequest): Record<string, unknown> {
  return {
    input_prefix: request.infill?.prefix ?? request.prompt,
    input_suffix: request.suffix ?? '',
    input_extra: (request.infill?.files ?? []).map((f) => ({ filename: f.path, text: f.text })),
    ...sampling(request.options, 'n_predict'),
    stream: true,
    cache_prompt: true,
  };
}

function sampling(options: Readonly<Record<string, unknown>> | undefined, limitName: 'max_tokens' | 'n_predict'): Record<string, unknown> {
  const o = options ?? {};
  const out: Record<string, unknown> = {};
  if (typeof o.num_predict === 'number' && o.num_predict > 0) out[limitName] = o.num_predict;
  for (const key of ['temperature', 'top_p', 'top_k', 'seed'] as const) if (typeof o[key] === 'number') out[key] = o[key];
  if (Array.isArray(o.stop) && o.stop.length > 0) out.stop = o.stop;
  return out;
}

/**
 * Hearth's history keeps calls with object arguments and results by tool
 * name (Ollama's shape); OpenAI's wants arguments as a JSON string and each
 * result tied to its call by id. Ids are made up per position, since
 * servers only check that a result names a call of the message before it.
 */
export function toWireMessages(messages: readonly ChatMessage[]): Record<string, unknown>[] {
  let open: { id: string; name: string }[] = [];
  return messages.map((m, at) => {
    if (m.role === 'assistant' && m.tool_calls && m.tool_calls.length > 0) {
      open = m.tool_calls.map((c, i) => ({ id: `call_${at}_${i}`, name: c.function.name }));
      return {
        role: 'assistant',
        content: m.content === '' ? null : m.content,
        tool_calls: m.tool_calls.map((c, i) => ({ id: `call_${at}_${i}`, type: 'function', function: { name: c.function.name, arguments: JSON.stringify(c.function.arguments) } })),
      };
    }
    if (m.role === 'tool') {
      const index = Math.max(0, open.findIndex((c) => c.name === m.tool_name));
      const call = open[index];
      open = open.filter((_c, i) => i !== index);
      return { role: 'tool', content: m.content, tool_call_id: call?.id ?? `call_${at}_orphan` };
    }
    return { role: m.role, content: m.content };
  });
}

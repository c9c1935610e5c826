import type { ChatRequest as OllamaChatRequest, GenerateRequest as OllamaGenerateRequest } from 'ollama';
import type { ConnectionConfig } from '../core/connection/connectionConfig';
import type { ChatMessage, ChatRequest, GenerateRequest, ToolDefinition } from '../core/engine/engineTypes';

// Hearth's requests in Ollama's terms: the bodies of /api/generate and
// /api/chat. keep_alive and num_ctx come from the connection on every request,
// never from the caller, so chat, completion and the agent never reload a
// model they share.

type Connection = Pick<ConnectionConfig, 'keepAlive' | 'numCtx'>;

export function generateBody(request: GenerateRequest, connection: Connection): OllamaGenerateRequest & { stream: true } {
  // `infill` repeats the prompt's parts for /infill-style servers: never sent to Ollama.
  const { infill: _infill, ...body } = request;
  return {
    ...body,
    stream: true,
    keep_alive: connection.keepAlive,
    options: { ...request.options, num_ctx: connection.numCtx },
  };
}

/** `tools` only when there are some: without them the request is plain chat, as chat() sends it. */
export function chatBody(request: ChatRequest, tools: readonly ToolDefinition[] | undefined, connection: Connection): OllamaChatRequest & { stream: true } {
  return {
    model: request.model,
    messages: request.messages.map(toWireMessage),
    ...(tools && tools.length > 0 ? { tools: tools.map((t) => ({ type: t.type, function: { ...t.function } })) } : {}),
    ...(request.think !== undefined ? { think: request.think } : {}),
    stream: true,
    keep_alive: connection.keepAlive,
    options: { ...request.options, num_ctx: connection.numCtx },
  };
}

/** What a request's messages weigh in characters, for the log line. */
export function chatChars(messages: readonly ChatMessage[]): number {
  return messages.reduce((n, m) => n + m.content.length + (m.tool_calls ? JSON.stringify(m.tool_calls).length : 0), 0);
}

function toWireMessage(message: ChatMessage): OllamaChatRequest['messages'] extends (infer M)[] | undefined ? M : never {
  return {
    role: message.role,
    content: message.content,
    // Arguments stay an object: Ollama rejects a JSON string there (a Go type error).
    ...(message.tool_calls ? { tool_calls: message.tool_calls.map((c) => ({ function: { name: c.function.name, arguments: { ...c.function.arguments } } })) } : {}),
    ...(message.tool_name !== undefined ? { tool_name: message.tool_name } : {}),
  };
}

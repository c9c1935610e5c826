// What another extension (or VS Code's chat) sends through vscode.lm, in
// plain shapes, turned into Hearth's chat messages. The provider reads
// VS Code's part classes into these; this file decides the mapping.
import type { AssistantToolCall, ChatMessage } from '../engine/engineTypes';

export type LmPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'toolCall'; readonly callId: string; readonly name: string; readonly input: Readonly<Record<string, unknown>> }
  | { readonly kind: 'toolResult'; readonly callId: string; readonly text: string };

export interface LmMessage {
  readonly role: 'user' | 'assistant' | 'system';
  readonly parts: readonly LmPart[];
}

/**
 * Text parts join into the message's content; an assistant's tool calls go
 * with it as `tool_calls`; each tool result becomes a `tool` message of its
 * own, named by the call it answers (Ollama matches results by tool name, and
 * VS Code by call id, so the id is looked up in the calls seen so far).
 * Parts Hearth cannot send (images, data) are dropped by the caller.
 */
export function toChatMessages(messages: readonly LmMessage[]): ChatMessage[] {
  const callNames = new Map<string, string>();
  const out: ChatMessage[] = [];
  for (const message of messages) {
    const text = message.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : [])).join('');
    const calls = message.parts.flatMap((p) => (p.kind === 'toolCall' ? [p] : []));
    for (const call of calls) callNames.set(call.callId, call.name);
    const results = message.parts.flatMap((p) => (p.kind === 'toolResult' ? [p] : []));
    for (const result of results) {
      out.push({ role: 'tool', content: result.text, tool_name: callNames.get(result.callId) ?? result.callId });
    }
    if (text === '' && calls.length === 0) continue;
    const toolCalls: AssistantToolCall[] = calls.map((c) => ({ function: { name: c.name, arguments: c.input } }));
    out.push({ role: message.role, content: text, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) });
  }
  return out;
}

/** A call's arguments as the model wrote them (object from Ollama, JSON text from OpenAI-style engines) → an object, or undefined. */
export function callInput(args: unknown, parse: (text: string) => unknown): Readonly<Record<string, unknown>> | undefined {
  const value = typeof args === 'string' ? (args.trim() === '' ? {} : parse(args)) : args;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

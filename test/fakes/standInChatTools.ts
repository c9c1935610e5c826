import { randomInt } from 'node:crypto';
import type { StandInModel } from './ollamaStandIn';
import { estimateTokens, isRecord, messageText, toolsText } from './standInGeneration';
import type { PlannedChunk } from './standInGeneration';
import { ToolCallParser, toolCallTag, toolNamesOf } from './standInToolCalls';
import type { WireCall } from './standInToolCalls';

/** A chunk as the chat route sends it: text, thinking, or tool calls; `tokens` says how long it took to generate. */
export interface ChatChunk { kind: 'thinking' | 'response'; text: string; tokens: number; toolCalls?: WireCall[] }

/** Runs the planned output through the model's tool-call parser when the request has tools, as ChatHandler does. */
export function parseToolCalls(chunks: readonly PlannedChunk[], model: StandInModel, tools: unknown, version: string): { chunks: ChatChunk[]; finalContent: string; calls: WireCall[] } {
  const names = toolNamesOf(tools);
  if (names.length === 0) return { chunks: [...chunks], finalContent: '', calls: [] };
  const parser = new ToolCallParser(toolCallTag(model.template), names);
  const out: ChatChunk[] = [];
  const calls: WireCall[] = [];
  let heldTokens = 0;
  for (const chunk of chunks) {
    if (chunk.kind === 'thinking') {
      out.push(chunk);
      continue;
    }
    const parsed = parser.add(chunk.text);
    heldTokens += chunk.tokens;
    // Content wins over calls found in the same chunk, as in the daemon.
    if (parsed.content !== '') out.push({ kind: 'response', text: parsed.content, tokens: heldTokens });
    else if (parsed.calls.length > 0) {
      const withIds = parsed.calls.map((c) => (hasCallIds(version) ? { id: callId(), ...c } : c));
      calls.push(...withIds);
      out.push({ kind: 'response', text: '', tokens: heldTokens, toolCalls: withIds });
    } else continue;
    heldTokens = 0;
  }
  return { chunks: out, finalContent: parser.finalContent(), calls };
}

/** Tool calls carry an `id` ("call_" and 8 characters) since Ollama 0.12.10. */
function hasCallIds(version: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.-]/).map((p) => Number(p) || 0);
  return major > 0 || minor > 12 || (minor === 12 && patch >= 10);
}

function callId(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = 'call_';
  for (let i = 0; i < 8; i++) id += letters[randomInt(letters.length)];
  return id;
}

/**
 * The messages that fit num_ctx, chosen as the daemon's chatPrompt does:
 * every system message, then the longest run of latest messages that fits,
 * always at least the last one. The rest is dropped without a word to the
 * client: the failure Hearth's agent must prevent by budgeting itself.
 */
export function visibleMessages(messages: unknown, tools: unknown, numCtx: number): { visible: Record<string, unknown>[]; dropped: number } {
  const all = Array.isArray(messages) ? messages.filter(isRecord) : [];
  const system = all.filter((m) => m.role === 'system');
  const tokensOf = (list: Record<string, unknown>[]): number => estimateTokens(toolsText(tools) + list.map(messageText).join('\n'));
  let from = all.length - 1;
  for (let i = all.length - 2; i >= 0; i--) {
    const candidate = [...system.filter((m) => all.indexOf(m) < i), ...all.slice(i)];
    if (tokensOf(candidate) > numCtx) break;
    from = i;
  }
  if (from <= 0) return { visible: all, dropped: 0 };
  const kept = [...system.filter((m) => all.indexOf(m) < from), ...all.slice(from)];
  return { visible: kept, dropped: all.length - kept.length };
}

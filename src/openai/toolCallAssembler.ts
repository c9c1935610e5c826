import type { StreamedToolCall } from '../core/engine/engineTypes';

/**
 * OpenAI-style servers stream a tool call as pieces under one `index`: the
 * name first, then its `arguments` JSON string in fragments. Hearth's
 * ModelServer hands calls over whole with object arguments, as Ollama sends
 * them, so the agent cannot tell the engines apart (and does not count the
 * protocol's JSON string as a model's mistake to repair). Arguments that are
 * not valid JSON stay a string: the agent's lenient parser and its repair
 * record then deal with the model's slip.
 */
export class ToolCallAssembler {
  private readonly calls = new Map<number, { name: string; args: string; whole?: unknown }>();

  add(pieces: readonly StreamedToolCall[]): void {
    pieces.forEach((piece, position) => {
      const index = piece.function.index ?? position;
      const call = this.calls.get(index) ?? { name: '', args: '' };
      if (piece.function.name !== '') call.name = piece.function.name;
      const args = piece.function.arguments;
      if (typeof args === 'string') call.args += args;
      else if (args !== undefined && args !== null) call.whole = args;
      this.calls.set(index, call);
    });
  }

  /** The calls in index order, each whole; empty when none streamed. */
  take(): StreamedToolCall[] {
    const ordered = [...this.calls.entries()].sort((a, b) => a[0] - b[0]);
    this.calls.clear();
    return ordered.map(([index, call]) => ({ function: { index, name: call.name, arguments: call.whole ?? parseArguments(call.args) } }));
  }
}

function parseArguments(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : text;
  } catch {
    return text;
  }
}

import { isRecord } from './standInGeneration';

/** A call as the daemon sends it in `message.tool_calls` (api.ToolCall). */
export interface WireCall { id?: string; function: { index: number; name: string; arguments: Record<string, unknown> } }

/**
 * The tag that opens a tool call in a model's output, read from its Go
 * template the way Ollama's tools package does (0.12.x): the first text after
 * the `{{ if .ToolCalls }}` (or `{{ range .ToolCalls }}`) action, cut before
 * any `{`, trimmed; "{" when there is none, meaning a bare JSON object that
 * opens the reply is taken as a call.
 */
export function toolCallTag(template: string): string {
  const at = template.search(/\{\{-?\s*(?:else\s+)?(if|range|with)\b[^}]*\.ToolCalls\b[^}]*\}\}/);
  if (at < 0) return '{';
  const after = template.slice(template.indexOf('}}', at) + 2);
  for (const piece of after.split(/\{\{[\s\S]*?\}\}/)) {
    if (piece.trim() === '') continue;
    const tag = (piece.split('{')[0] ?? '').trim();
    return tag === '' ? '{' : tag;
  }
  return '{';
}

/**
 * Ollama's streaming tool-call parser for template-based models, as it
 * behaves in 0.12.x: output before the tag is content; after the tag the
 * text is buffered and every complete JSON object naming a known tool
 * (`{"name", "arguments"|"parameters"}`, arguments possibly as a JSON
 * string) becomes a call, sent in the chunk where it completes. What never
 * parses is swallowed: with a real tag (qwen's <tool_call>) the client gets
 * an empty message; with the "{" tag a reply whose first non-blank text is
 * not `{`, or whose object names no tool, comes back as plain content.
 */
export class ToolCallParser {
  private state: 'looking' | 'calling' | 'done' = 'looking';
  private buffer = '';
  private count = 0;

  constructor(private readonly tag: string, private readonly toolNames: readonly string[]) {}

  add(text: string): { calls: WireCall[]; content: string } {
    if (this.state === 'done') return { calls: [], content: text };
    this.buffer += text;
    let content = '';
    if (this.state === 'looking') {
      const found = this.buffer.indexOf(this.tag);
      const partial = found < 0 ? this.partialTagAt() : -1;
      const cut = found >= 0 ? found : partial >= 0 ? partial : this.buffer.length;
      content = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut);
      if ((this.tag === '{' || this.tag === '[') && content.trim() !== '') {
        this.state = 'done';
        const all = content + this.buffer;
        this.buffer = '';
        return { calls: [], content: all };
      }
      if (found < 0) return { calls: [], content };
      this.state = 'calling';
    }
    const calls: WireCall[] = [];
    for (let call = this.next(); call; call = this.next()) calls.push(call);
    if (this.objectClosed()) {
      this.state = 'done';
      content = this.buffer;
      this.buffer = '';
    }
    return { calls, content };
  }

  /** What is left to send as content when the model stops. */
  finalContent(): string {
    if (this.count > 0) return '';
    return this.tag === '{' || this.tag === '[' ? this.buffer : '';
  }

  private partialTagAt(): number {
    for (let k = Math.min(this.tag.length - 1, this.buffer.length); k > 0; k--) {
      if (this.buffer.endsWith(this.tag.slice(0, k))) return this.buffer.length - k;
    }
    return -1;
  }

  /** The next complete call in the buffer, which is then consumed up to its end. */
  private next(): WireCall | undefined {
    const name = this.firstToolName();
    if (name === undefined) return undefined;
    for (const object of objectsIn(this.buffer)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(this.buffer.slice(object.start, object.end));
      } catch {
        continue;
      }
      if (!isRecord(parsed)) continue;
      const args = argumentsOf(parsed, name.name) ?? parsed;
      this.buffer = this.buffer.slice(Math.max(object.end, name.end));
      return { function: { index: this.count++, name: name.name, arguments: args } };
    }
    return undefined;
  }

  /** The tool named earliest in the buffer (the longest name at a tie); none while the buffer may end in a partial name. */
  private firstToolName(): { name: string; end: number } | undefined {
    for (const tool of this.toolNames) {
      for (let k = 1; k < tool.length; k++) if (this.buffer.endsWith(tool.slice(0, k))) return undefined;
    }
    let best: { name: string; start: number; end: number } | undefined;
    for (const tool of this.toolNames) {
      const start = this.buffer.indexOf(tool);
      if (start < 0) continue;
      if (!best || start < best.start || (start === best.start && tool.length > best.name.length)) best = { name: tool, start, end: start + tool.length };
    }
    return best;
  }

  private objectClosed(): boolean {
    if (this.tag !== '{' && this.tag !== '[') return false;
    const open = this.tag;
    const close = open === '{' ? '}' : ']';
    let depth = 0;
    let inString = false;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === open) depth++;
      else if (c === close && --depth === 0) return true;
    }
    return false;
  }
}

/** Balanced top-level `{…}` spans, strings respected. */
function objectsIn(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0 && --depth === 0) spans.push({ start, end: i + 1 });
  }
  return spans;
}

/** `arguments` or `parameters` (object or JSON string) beside a name, else an object under the tool's own name, searched depth-first. */
function argumentsOf(obj: Record<string, unknown>, tool: string): Record<string, unknown> | undefined {
  const asMap = (v: unknown): Record<string, unknown> | undefined => {
    if (isRecord(v)) return v;
    if (typeof v !== 'string') return undefined;
    try {
      const parsed: unknown = JSON.parse(v);
      return isRecord(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  };
  if ('name' in obj) return asMap(obj.arguments) ?? asMap(obj.parameters) ?? {};
  const own = asMap(obj[tool]);
  if (own) return own;
  for (const v of Object.values(obj)) {
    const children = Array.isArray(v) ? v : [v];
    for (const child of children) {
      if (!isRecord(child)) continue;
      const found = argumentsOf(child, tool);
      if (found) return found;
    }
  }
  return undefined;
}

/** Tool names from a request's `tools`, in order. */
export function toolNamesOf(tools: unknown): string[] {
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((t) => (isRecord(t) && isRecord(t.function) && typeof t.function.name === 'string' ? [t.function.name] : []));
}

/** Go's error when `tools`, or a message's call arguments, have the wrong JSON type; undefined when fine. */
export function checkToolFields(body: Record<string, unknown>): string | undefined {
  const kind = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'boolean' ? 'bool' : typeof v);
  if (body.tools !== undefined && body.tools !== null && !Array.isArray(body.tools)) {
    return `json: cannot unmarshal ${kind(body.tools)} into Go struct field ChatRequest.tools of type api.Tools`;
  }
  for (const m of Array.isArray(body.messages) ? body.messages : []) {
    if (!isRecord(m) || !Array.isArray(m.tool_calls)) continue;
    for (const call of m.tool_calls) {
      const args = isRecord(call) && isRecord(call.function) ? call.function.arguments : undefined;
      if (args !== undefined && args !== null && !isRecord(args)) {
        return `json: cannot unmarshal ${kind(args)} into Go struct field ChatRequest.messages.tool_calls.function.arguments of type api.ToolCallFunctionArguments`;
      }
    }
  }
  return undefined;
}

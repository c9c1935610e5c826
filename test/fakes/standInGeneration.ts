import type { GenerationRequest, ScriptedReply } from './ollamaStandIn';

/** Splits text into word tokens that keep their leading whitespace, so joining them restores the text. */
export function wordTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** The deterministic reply used when no script answers: it echoes the prompt's last identifier. */
export function defaultReply(req: GenerationRequest): ScriptedReply {
  const source = req.path === '/api/generate' ? asString(req.body.prompt) : lastUserMessage(req.body.messages);
  const word = source.match(/[A-Za-z_][A-Za-z0-9_]*/g)?.pop() ?? 'value';
  const text = req.path === '/api/generate'
    ? `${word}Result = compute(${word});\nreturn ${word}Result;`
    : `Here is a sketch for ${word}:\n\n\`\`\`ts\nconst ${word}Result = compute(${word});\n\`\`\``;
  return { tokens: wordTokens(text), thinking: wordTokens(`The user mentions ${word}; a short snippet answers it.`) };
}

function lastUserMessage(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  const users = messages.filter((m): m is { content?: unknown } => isRecord(m) && m.role === 'user');
  return asString(users.at(-1)?.content);
}

export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the model would read, for prompt token counts and the prefix cache. */
export function promptText(req: GenerationRequest): string {
  const b = req.body;
  if (req.path === '/api/chat') {
    const messages = req.visibleMessages ?? (Array.isArray(b.messages) ? b.messages.filter(isRecord) : []);
    return toolsText(b.tools) + messages.map(messageText).join('\n');
  }
  if (b.raw === true) return asString(b.prompt);
  if (asString(b.suffix) !== '') return asString(b.prompt) + asString(b.suffix); // the server ignores `system` here
  return asString(b.system) + asString(b.prompt);
}

/** One chat message as the template renders it, roughly: role, content, calls, the tool's name. */
export function messageText(m: Record<string, unknown>): string {
  const calls = Array.isArray(m.tool_calls) ? JSON.stringify(m.tool_calls) : '';
  const tool = typeof m.tool_name === 'string' ? ` (${m.tool_name})` : '';
  return `${asString(m.role)}${tool}: ${asString(m.content)}${calls}`;
}

/** Tool schemas are rendered into the prompt (the system part) on every request. */
export function toolsText(tools: unknown): string {
  return Array.isArray(tools) && tools.length > 0 ? `${JSON.stringify(tools)}\n` : '';
}

/** Hearth's budgeting assumes ~4 characters a token; the stand-in counts the same way. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/;
const GO_UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };

/**
 * keep_alive as api.Duration decodes it: a number is seconds, a string goes
 * through Go's time.ParseDuration (so "-1" without a unit is a 400), negative
 * means forever (Infinity here), absent means 5 minutes.
 */
export function parseKeepAlive(value: unknown): { ms: number } | { error: string } {
  if (value === undefined || value === null) return { ms: 5 * 60_000 };
  if (typeof value === 'number') return { ms: value < 0 ? Infinity : value * 1000 };
  if (typeof value !== 'string') return { error: `Unsupported type: '${goTypeName(value)}'` };
  if (value === '0' || value === '+0' || value === '-0') return { ms: 0 };
  if (!GO_DURATION.test(value)) {
    return { error: /^[-+]?[\d.]+$/.test(value) ? `time: missing unit in duration "${value}"` : `time: invalid duration "${value}"` };
  }
  let ms = 0;
  for (const [, num, unit] of value.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    ms += Number(num) * (GO_UNIT_MS[unit ?? 's'] ?? 0);
  }
  return { ms: value.startsWith('-') ? Infinity : ms };
}

function goTypeName(value: unknown): string {
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  return typeof value === 'object' ? 'map[string]interface {}' : typeof value;
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

type FieldType = 'string' | 'bool' | 'object' | 'array';
const GO_FIELD_TYPE: Record<FieldType, string> = {
  string: 'string', bool: 'bool', object: 'map[string]interface {}', array: '[]api.Message',
};

/** Mirrors the 400 that Go's JSON binding returns for a field of the wrong type. */
export function checkFieldTypes(body: Record<string, unknown>, goStruct: string, fields: Record<string, FieldType>): string | undefined {
  for (const [field, type] of Object.entries(fields)) {
    const v = body[field];
    if (v === undefined || v === null) continue;
    const ok = type === 'string' ? typeof v === 'string'
      : type === 'bool' ? typeof v === 'boolean'
        : type === 'array' ? Array.isArray(v) : isRecord(v);
    if (!ok) return `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${goStruct}.${field} of type ${GO_FIELD_TYPE[type]}`;
  }
  return undefined;
}

/** Chat messages must be objects with a string role; content, when present, is a string. */
export function checkMessages(messages: unknown): string | undefined {
  if (messages === undefined || messages === null) return undefined;
  if (!Array.isArray(messages)) return checkFieldTypes({ messages }, 'ChatRequest', { messages: 'array' });
  for (const m of messages) {
    if (!isRecord(m)) return `json: cannot unmarshal ${jsonKind(m)} into Go struct field ChatRequest.messages of type api.Message`;
    if (typeof m.role !== 'string' || m.role === '') return 'invalid message: role is required';
    if (m.content !== undefined && typeof m.content !== 'string') {
      return `json: cannot unmarshal ${jsonKind(m.content)} into Go struct field Message.messages.content of type string`;
    }
  }
  return undefined;
}

export interface PlannedChunk { kind: 'thinking' | 'response'; text: string; tokens: number }
export interface GenerationPlan {
  chunks: PlannedChunk[];
  evalCount: number;
  doneReason: 'stop' | 'length';
  response: string;
  thinking: string;
}

/**
 * Turns a scripted reply into the chunks the daemon would send. num_predict
 * counts thinking tokens too and ends with done_reason "length". Stop strings
 * are matched across token boundaries the way the runner does: text that could
 * be the start of a stop string is held back until it is resolved, and the stop
 * string itself is never sent.
 */
export function planGeneration(reply: ScriptedReply, thinkOn: boolean, numPredict: unknown, stop: unknown): GenerationPlan {
  const budget = typeof numPredict === 'number' && numPredict > 0 ? numPredict : Infinity;
  const stops = (Array.isArray(stop) ? stop : typeof stop === 'string' ? [stop] : [])
    .filter((s): s is string => typeof s === 'string' && s !== '');
  const thinking = thinkOn ? reply.thinking ?? [] : [];
  const chunks: PlannedChunk[] = [];
  let used = 0;
  for (const t of thinking) {
    if (used >= budget) break;
    used++;
    chunks.push({ kind: 'thinking', text: t, tokens: 1 });
  }
  let pending = '';
  let pendingTokens = 0;
  let stopped = false;
  for (const t of reply.tokens) {
    if (used >= budget) break;
    used++;
    pending += t;
    pendingTokens++;
    const hit = earliestStop(pending, stops);
    if (hit >= 0) {
      if (hit > 0) chunks.push({ kind: 'response', text: pending.slice(0, hit), tokens: pendingTokens });
      pending = '';
      stopped = true;
      break;
    }
    if (endsWithStopPrefix(pending, stops)) continue;
    chunks.push({ kind: 'response', text: pending, tokens: pendingTokens });
    pending = '';
    pendingTokens = 0;
  }
  if (pending !== '') chunks.push({ kind: 'response', text: pending, tokens: pendingTokens });
  // The end-of-sequence token is one more token: a budget the reply fills exactly still ends in "length".
  const capped = !stopped && budget <= thinking.length + reply.tokens.length;
  return {
    chunks,
    evalCount: used,
    doneReason: capped ? 'length' : stopped ? 'stop' : reply.doneReason ?? 'stop',
    response: chunks.filter((c) => c.kind === 'response').map((c) => c.text).join(''),
    thinking: chunks.filter((c) => c.kind === 'thinking').map((c) => c.text).join(''),
  };
}

function earliestStop(text: string, stops: string[]): number {
  let best = -1;
  for (const s of stops) {
    const i = text.indexOf(s);
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best;
}

function endsWithStopPrefix(text: string, stops: string[]): boolean {
  return stops.some((s) => {
    for (let k = Math.min(s.length - 1, text.length); k > 0; k--) if (text.endsWith(s.slice(0, k))) return true;
    return false;
  });
}

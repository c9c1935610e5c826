import { callFromPythonic, callsFromValue } from './callShapes';
import type { RawCall } from './callShapes';
import { parseLenientJson } from './lenientJson';

export interface TextExtraction {
  readonly calls: readonly RawCall[];
  /** Call-like fragments that could not be read, each as a sentence for the model. */
  readonly malformed: readonly string[];
  /** The text with the calls taken out: what is left to show as the model's words. */
  readonly prose: string;
}

interface Span { start: number; end: number }

// Wrappers that announce a call whatever the JSON inside: qwen/hermes
// <tool_call>, mistral [TOOL_CALLS], llama3.1 <|python_tag|>, llama <function=…>,
// and gpt-oss harmony headers leaked as text ("to=functions.read_file …<|message|>{…}").
const TAGGED: readonly { via: string; pattern: RegExp; nameGroup?: number; bodyGroup: number }[] = [
  { via: 'tool_call tags', pattern: /<tool_call>\s*([\s\S]*?)\s*(?:<\/tool_call>|$)/g, bodyGroup: 1 },
  { via: 'function tags', pattern: /<function=([\w.-]+)>\s*([\s\S]*?)\s*(?:<\/function>|$)/g, nameGroup: 1, bodyGroup: 2 },
  {
    via: 'harmony header',
    pattern: /(?:<\|start\|>assistant)?(?:<\|channel\|>\w+\s*)?\bto=(?:functions\.)?([\w.-]+)[^\n{<]*(?:<\|constrain\|>\s*\w+\s*)?(?:<\|message\|>)?\s*(\{[\s\S]*?\})\s*(?:<\|call\|>|<\|end\|>|<\|return\|>|$)/g,
    nameGroup: 1,
    bodyGroup: 2,
  },
  { via: 'python_tag', pattern: /<\|python_tag\|>\s*([\s\S]*?)\s*(?:<\|eom_id\|>|<\|eot_id\|>|$)/g, bodyGroup: 1 },
  { via: 'TOOL_CALLS marker', pattern: /\[TOOL_CALLS\]\s*(\[[\s\S]*\]|\{[\s\S]*\})/g, bodyGroup: 1 },
];

const FENCE = /(^|\n)[ \t]*(`{3,}|~{3,})[ \t]*([\w-]*)[^\n]*\n([\s\S]*?)(?:\n[ \t]*\2[ \t]*(?=\n|$)|$)/g;
const CALL_HINT = /["']?(name|tool|function)["']?\s*:|"(arguments|parameters)"/;

/**
 * Finds tool calls written in the model's text rather than in
 * `message.tool_calls`: inside tags, in fenced blocks, as bare JSON (with
 * the slips lenientJson repairs), or Python-style. Runs on the whole reply
 * once the stream ended, so a call split across chunks is whole by then.
 */
export function extractTextCalls(text: string): TextExtraction {
  const calls: RawCall[] = [];
  const malformed: string[] = [];
  const taken: Span[] = [];
  const free = (start: number, end: number): boolean => taken.every((s) => end <= s.start || start >= s.end);

  for (const tag of TAGGED) {
    for (const m of text.matchAll(tag.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      taken.push({ start, end });
      const body = m[tag.bodyGroup] ?? '';
      const name = tag.nameGroup !== undefined ? m[tag.nameGroup] : undefined;
      readBody(body, tag.via, name, calls, malformed);
    }
  }
  for (const m of text.matchAll(FENCE)) {
    const start = m.index + (m[1] ?? '').length;
    const end = m.index + m[0].length;
    const body = m[4] ?? '';
    const lang = (m[3] ?? '').toLowerCase();
    if (!free(start, end) || !['', 'json', 'json5', 'tool_call', 'tool_code', 'javascript', 'js', 'python', 'py'].includes(lang)) continue;
    const before = calls.length + malformed.length;
    readBody(body.trim(), 'fenced JSON', undefined, calls, malformed, true);
    if (calls.length + malformed.length > before) taken.push({ start, end });
  }
  for (const span of bareJsonSpans(text)) {
    if (!free(span.start, span.end)) continue;
    const before = calls.length + malformed.length;
    readBody(text.slice(span.start, span.end), 'bare JSON', undefined, calls, malformed, true);
    if (calls.length + malformed.length > before) taken.push(span);
  }
  // Python-style calls only on a line of their own: in prose, "read_file(path)" is talk about a call.
  for (const m of text.matchAll(/^[ \t]*\[?\b([A-Za-z_][\w.]*)\(((?:[^()"'\n]|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')*)\)\]?[ \t]*$/gm)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!free(start, end)) continue;
    const call = callFromPythonic(m[1] ?? '', (m[2] ?? '').trim());
    if (!call) continue;
    calls.push(call);
    taken.push({ start, end });
  }
  taken.sort((a, b) => a.start - b.start);
  let prose = '';
  let at = 0;
  for (const span of taken) {
    prose += text.slice(at, span.start);
    at = span.end;
  }
  prose += text.slice(at);
  return { calls, malformed, prose: prose.replace(/<\|[a-z_]+\|>/g, ' ').replace(/\n{3,}/g, '\n\n').trim() };
}

/**
 * Reads a call body. Inside a tag anything unreadable is a malformed call;
 * in a fence or bare text only what looks like a call (a `name` key) is,
 * since a reply may well show ordinary JSON.
 */
function readBody(body: string, via: string, name: string | undefined, calls: RawCall[], malformed: string[], loose = false): void {
  const trimmed = body.trim();
  if (trimmed === '' && name !== undefined) {
    calls.push({ name, args: {}, via, repairs: [] });
    return;
  }
  if (name === undefined && loose) {
    const python = /^\[?\s*([A-Za-z_][\w.]*)\(([\s\S]*)\)\s*\]?$/.exec(trimmed);
    const call = python ? callFromPythonic(python[1] ?? '', (python[2] ?? '').trim()) : undefined;
    if (call) {
      calls.push({ ...call, via });
      return;
    }
  }
  const parsed = parseLenientJson(trimmed);
  if (!parsed.ok) {
    if (!loose || CALL_HINT.test(trimmed)) malformed.push(`a tool call in ${via} is not valid JSON (${parsed.error}): ${excerpt(trimmed)}`);
    return;
  }
  const found = name !== undefined ? [{ name, args: parsed.value, via, repairs: [...parsed.repairs] }] : callsFromValue(parsed.value, via, parsed.repairs);
  if (found.length === 0 && !loose) malformed.push(`${via} hold no tool name: ${excerpt(trimmed)}`);
  calls.push(...found);
}

/** Top-level `{…}` / `[{…}]` runs in prose, quotes of both kinds respected; an unclosed one runs to the end. */
function bareJsonSpans(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const opensArray = c === '[' && /^\[\s*\{/.test(text.slice(i, i + 40));
    if (c !== '{' && !opensArray) {
      i++;
      continue;
    }
    const end = balancedEnd(text, i);
    spans.push({ start: i, end });
    i = end;
  }
  return spans;
}

function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || (c === "'" && !/\w/.test(text[i - 1] ?? ''))) quote = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}…` : flat;
}

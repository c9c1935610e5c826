import { resolveToolName } from './agentTools';
import { parseLenientJson } from './lenientJson';

/** A call as the model wrote it, before its tool name and arguments are checked. */
export interface RawCall {
  readonly name: string;
  readonly args: unknown;
  /** How it was found: 'native', 'tool_call tags', 'fenced JSON', … */
  readonly via: string;
  readonly repairs: readonly string[];
}

const ARG_KEYS = ['arguments', 'parameters', 'args', 'input', 'params', 'action_input', 'tool_input'];
const NAME_KEYS = ['name', 'tool', 'tool_name', 'function', 'action', 'function_name', 'recipient_name'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The calls a parsed JSON value describes, in the shapes small models write:
 * `{"name", "arguments"}` (qwen/hermes), `{"name", "parameters"}` (llama3.x),
 * arguments as a JSON string, OpenAI's `{"function": {…}}` and `tool_calls`
 * wrappers, `{"tool": …, "args": …}`, `{"read_file": {…}}`, a flattened
 * `{"name": "read_file", "path": …}`, and arrays of any of these. A value
 * that is not call-shaped gives no calls: prose JSON such as a package.json
 * must not become a call to a tool named "my-package".
 */
export function callsFromValue(value: unknown, via: string, repairs: readonly string[] = []): RawCall[] {
  if (Array.isArray(value)) return value.flatMap((item) => callsFromValue(item, via, repairs));
  if (!isRecord(value)) return [];
  if (Array.isArray(value.tool_calls)) return callsFromValue(value.tool_calls, via, repairs);
  if (isRecord(value.function) && typeof value.function.name === 'string') return callsFromValue(value.function, via, repairs);

  const nameKey = NAME_KEYS.find((k) => typeof value[k] === 'string' && value[k] !== '');
  const argKey = ARG_KEYS.find((k) => k in value);
  if (nameKey !== undefined) {
    const name = value[nameKey] as string;
    if (argKey !== undefined) {
      const args = argsValue(value[argKey]);
      return [{ name, args: args.value, via, repairs: [...repairs, ...args.repairs] }];
    }
    // Flattened arguments are only believed for a name that is one of ours.
    if (resolveToolName(name)) {
      const args = Object.fromEntries(Object.entries(value).filter(([k]) => k !== nameKey && k !== 'type'));
      return [{ name, args, via, repairs: [...repairs, 'arguments beside the name'] }];
    }
    return nameKey === 'name' && Object.keys(value).length === 1 && resolveToolName(name) ? [{ name, args: {}, via, repairs }] : [];
  }
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only !== undefined && resolveToolName(only) && isRecord(value[only])) {
    return [{ name: only, args: value[only], via, repairs }];
  }
  return [];
}

/** Arguments given as an object, as a JSON string ("{\"path\": …}"), or missing. */
function argsValue(raw: unknown): { value: unknown; repairs: string[] } {
  if (typeof raw !== 'string') return { value: raw ?? {}, repairs: [] };
  const trimmed = raw.trim();
  if (trimmed === '') return { value: {}, repairs: [] };
  const parsed = parseLenientJson(trimmed);
  if (parsed.ok && isRecord(parsed.value)) return { value: parsed.value, repairs: ['arguments as a JSON string', ...parsed.repairs] };
  return { value: raw, repairs: [] };
}

/** `read_file(path="a.ts", start_line=3)`: the Pythonic form some small models use. */
export function callFromPythonic(name: string, argText: string): RawCall | undefined {
  if (!resolveToolName(name)) return undefined;
  const args: Record<string, unknown> = {};
  const pattern = /(\w+)\s*=\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^,\s)]+)\s*,?\s*/gy;
  let consumed = 0;
  for (const match of argText.matchAll(pattern)) {
    const [whole, key = '', raw = ''] = match;
    consumed += whole.length;
    const parsed = parseLenientJson(raw);
    args[key] = parsed.ok ? parsed.value : raw;
  }
  if (consumed !== argText.length) return undefined;
  return { name, args, via: 'Python-style call', repairs: ['Python-style call'] };
}

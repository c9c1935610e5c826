import { TOOL_DEFINITIONS, isToolName, resolveToolName, toolSignature } from './agentTools';
import { extractTextCalls } from './callExtraction';
import type { RawCall } from './callShapes';
import type { ModelTurn } from './modelTurn';
import { checkArguments } from './toolArguments';
import type { ToolCall } from './toolArguments';

export type ResolvedCall =
  | { readonly ok: true; readonly raw: RawCall; readonly call: ToolCall; readonly args: Readonly<Record<string, unknown>>; readonly repairs: readonly string[] }
  | { readonly ok: false; readonly raw: RawCall; readonly error: string };

export interface TurnCalls {
  readonly calls: readonly ResolvedCall[];
  /** Call-like text that could not be read at all, as sentences for the model. */
  readonly malformed: readonly string[];
  /** The reply's words without the calls written in it. */
  readonly prose: string;
}

export interface ResolveOptions {
  /** Hearth's repair for small models; off, only native calls with exact names and arguments count. */
  readonly repair: boolean;
  readonly workspaceRoot?: string;
}

/** The valid tools, as the model reads them in an error. */
export const TOOL_LIST = TOOL_DEFINITIONS.map(toolSignature).join(', ');

/**
 * The calls of one reply. Native calls win; only a reply without them is
 * searched for calls written as text (a reply that has both usually quotes
 * an example in its prose). Each call gets its tool and arguments checked,
 * repaired where that is unambiguous, or a specific error.
 */
export function resolveTurnCalls(turn: ModelTurn, options: ResolveOptions): TurnCalls {
  if (turn.nativeCalls.length > 0) {
    const raws = turn.nativeCalls.map((c): RawCall => ({ name: c.name, args: c.args, via: 'native', repairs: [] }));
    return { calls: raws.map((r) => resolveCall(r, options)), malformed: [], prose: turn.text.trim() };
  }
  if (!options.repair) return { calls: [], malformed: [], prose: turn.text.trim() };
  const extracted = extractTextCalls(turn.text);
  return { calls: extracted.calls.map((r) => resolveCall(r, options)), malformed: extracted.malformed, prose: extracted.prose };
}

export function resolveCall(raw: RawCall, options: ResolveOptions): ResolvedCall {
  const name = options.repair ? resolveToolName(raw.name) : isToolName(raw.name) ? { tool: raw.name } : undefined;
  if (!name) {
    const shown = raw.name.length > 60 ? `${raw.name.slice(0, 57)}…` : raw.name;
    return { ok: false, raw, error: `There is no tool "${shown}". The tools are: ${TOOL_LIST}.` };
  }
  const checked = checkArguments(name.tool, raw.args, options);
  if (!checked.ok) return { ok: false, raw, error: checked.error };
  const repairs = [...(raw.via !== 'native' ? [`call written as text (${raw.via})`] : []), ...raw.repairs, ...(name.repair ? [name.repair] : []), ...checked.repairs];
  return { ok: true, raw, call: checked.call, args: checked.args, repairs };
}

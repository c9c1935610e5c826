import type { ModelCapability, ModelInfo } from '../core/engine/engineTypes';
import { getJson } from './openAiHttp';
import type { HttpTarget } from './openAiHttp';

/** Which server answers: llama-server gets /infill; the others speak only the OpenAI-compatible routes. */
export type ServerFlavor = 'llama-server' | 'vllm' | 'other';

export interface ServerFacts {
  readonly flavor: ServerFlavor;
  /** For the Status tab: e.g. "vLLM 0.11.0", "llama-server b6123". */
  readonly label: string;
  /** The context length the server runs with, when it says (llama-server's /props). */
  readonly contextLength?: number;
}

const SETTABLE: readonly ModelCapability[] = ['insert', 'tools', 'thinking', 'vision'];

/**
 * Tells the server kind from what it answers: llama-server has /props
 * (`default_generation_settings`, `build_info`), vLLM names itself as the
 * owner of its models and has /version. A probe that fails only means
 * "another OpenAI-compatible server"; reachability and the key are judged by
 * /v1/models, which every such server has.
 */
export async function probeServer(target: HttpTarget, ownedBy: readonly string[], signal: AbortSignal): Promise<ServerFacts> {
  const props = await getJson(target, '/props', signal).catch(() => undefined);
  const settings = record(record(props).default_generation_settings);
  if (props !== undefined && (Object.keys(settings).length > 0 || typeof record(props).build_info === 'string')) {
    const build = record(props).build_info;
    const nCtx = settings.n_ctx;
    return {
      flavor: 'llama-server',
      label: `llama-server${typeof build === 'string' ? ` ${build}` : ''}`,
      ...(typeof nCtx === 'number' && nCtx > 0 ? { contextLength: nCtx } : {}),
    };
  }
  if (ownedBy.includes('vllm')) {
    const version = record(await getJson(target, '/version', signal).catch(() => undefined)).version;
    return { flavor: 'vllm', label: `vLLM${typeof version === 'string' ? ` ${version}` : ''}` };
  }
  return { flavor: 'other', label: 'OpenAI-compatible server' };
}

/** The `data` of GET /v1/models. */
export function modelEntries(list: unknown): Record<string, unknown>[] {
  const data = record(list).data;
  return Array.isArray(data) ? data.map(record).filter((m) => typeof m.id === 'string' && m.id !== '') : [];
}

/**
 * A served model in Hearth's terms. These servers report no capabilities:
 * they come from hearth.openai.capabilities; without an entry, llama-server's
 * models infill through /infill, and the rest go the raw-template way when
 * Hearth knows their family.
 */
export function toModelInfo(entry: Record<string, unknown>, facts: ServerFacts, configured: Readonly<Record<string, readonly string[]>>): ModelInfo {
  const name = entry.id as string;
  const fromSettings = Object.entries(configured).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  const listed = (fromSettings ?? (facts.flavor === 'llama-server' ? ['insert'] : [])).filter((c): c is ModelCapability =>
    (SETTABLE as readonly string[]).includes(c),
  );
  const meta = record(entry.meta);
  const contextLength = num(entry.max_model_len) ?? facts.contextLength ?? num(meta.n_ctx_train);
  return {
    name,
    digest: '',
    sizeBytes: num(meta.size) ?? 0,
    family: '',
    parameterSize: '',
    quantization: '',
    capabilities: ['completion', ...listed],
    capabilitiesReported: false,
    ...(contextLength !== undefined ? { contextLength } : {}),
    template: '',
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

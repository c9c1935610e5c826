import type { ListResponse, ModelResponse, ShowResponse } from 'ollama';
import type { LoadedModel, ModelCapability, ModelInfo } from '../core/engine/engineTypes';

const KNOWN: ReadonlySet<string> = new Set(['completion', 'insert', 'tools', 'thinking', 'vision', 'embedding']);

/**
 * Builds our view of a model from /api/tags + /api/show. Servers older than
 * the `capabilities` field get them inferred from the template the way the
 * daemon itself decides: `.Suffix` in the template means insert works.
 */
export function toModelInfo(tag: ModelResponse, show: ShowResponse): ModelInfo {
  const reported = Array.isArray(show.capabilities);
  const capabilities = reported
    ? show.capabilities.filter((c): c is ModelCapability => KNOWN.has(c))
    : inferCapabilities(show.template ?? '');
  const contextLength = contextLengthOf(show.model_info as unknown);
  return {
    name: tag.name,
    digest: tag.digest,
    sizeBytes: tag.size,
    family: tag.details?.family ?? '',
    parameterSize: tag.details?.parameter_size ?? '',
    quantization: tag.details?.quantization_level ?? '',
    capabilities,
    capabilitiesReported: reported,
    ...(contextLength !== undefined ? { contextLength } : {}),
    template: show.template ?? '',
  };
}

export function inferCapabilities(template: string): ModelCapability[] {
  const caps: ModelCapability[] = ['completion'];
  if (/\.Suffix\b/.test(template)) caps.push('insert');
  if (/\.Tools\b/.test(template)) caps.push('tools');
  return caps;
}

function contextLengthOf(modelInfo: unknown): number | undefined {
  if (typeof modelInfo !== 'object' || modelInfo === null) return undefined;
  for (const [key, value] of Object.entries(modelInfo as Record<string, unknown>)) {
    if (key.endsWith('.context_length') && typeof value === 'number') return value;
  }
  return undefined;
}

export function toLoadedModels(ps: ListResponse): LoadedModel[] {
  return ps.models.map((m) => {
    const raw = m as ModelResponse & { context_length?: number };
    return {
      name: m.name,
      sizeBytes: m.size,
      sizeVramBytes: m.size_vram,
      expiresAt: String(m.expires_at),
      ...(typeof raw.context_length === 'number' ? { contextLength: raw.context_length } : {}),
    };
  });
}

/** "qwen2.5-coder" and "qwen2.5-coder:latest" name the same model. */
export function sameModel(a: string, b: string): boolean {
  const norm = (n: string): string => (n.includes(':') ? n : `${n}:latest`);
  return norm(a) === norm(b);
}

export function findModel(models: readonly ModelInfo[], name: string): ModelInfo | undefined {
  return models.find((m) => sameModel(m.name, name));
}

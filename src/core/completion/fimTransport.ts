import { detectFimFamily } from '../fimFamily';
import type { FimFamily } from '../fimFamily';

/** What the transport decision needs to know about a model (a subset of ModelInfo). */
export interface CompletionModelFacts {
  readonly name: string;
  readonly capabilities: readonly string[];
  /** The model's Ollama template; older servers report no capabilities, only this. */
  readonly template: string;
}

/**
 * How a fill-in-the-middle request reaches the model:
 * - `suffix`: `/api/generate` with `suffix`; Ollama's own template writes the FIM tokens.
 * - `raw`: `raw: true` with a prompt Hearth writes from the family's template.
 * - `unsupported`: the model cannot infill; `reason` tells the user what to do.
 */
export type FimTransport =
  | { readonly kind: 'suffix' }
  | { readonly kind: 'raw'; readonly family: FimFamily }
  | { readonly kind: 'unsupported'; readonly reason: string };

/**
 * Chooses the transport. A family forced by the user (hearth.completion.template)
 * wins: it is the way out when Ollama's template is wrong or the name misleads
 * detection. Otherwise the daemon's `insert` capability is trusted first, since
 * its template matches the model exactly; the name-based raw template is the
 * fallback for base models (e.g. `qwen2.5-coder:1.5b-base`) that lack `insert`.
 */
export function transportFor(model: CompletionModelFacts, forcedFamily?: FimFamily): FimTransport {
  if (forcedFamily !== undefined) return { kind: 'raw', family: forcedFamily };
  if (model.capabilities.includes('insert')) return { kind: 'suffix' };
  const family = detectFimFamily(model.name);
  if (family !== undefined) return { kind: 'raw', family };
  // Servers older than the capabilities field: a template that renders .Suffix infills.
  if (model.capabilities.length === 0 && model.template.includes('.Suffix')) return { kind: 'suffix' };
  return { kind: 'unsupported', reason: unsupportedReason(model.name) };
}

export function unsupportedReason(modelName: string): string {
  return (
    `The model "${modelName}" cannot fill in the middle: it has no insert capability and Hearth knows no FIM template for it. ` +
    'Use a FIM-capable model such as qwen2.5-coder:1.5b-base, or set hearth.completion.template.'
  );
}

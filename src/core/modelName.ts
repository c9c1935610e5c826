/**
 * The one model-name rule, as Ollama itself applies it (types/model/name.go):
 * a name is `host/namespace/model:tag`, each part optional from the left except
 * the model; missing parts default to `registry.ollama.ai`, `library` and
 * `latest`; two names are the same model when every part is equal ignoring
 * case. So `Qwen2.5-Coder:7b` is `qwen2.5-coder:7b`, `llama3.2` is
 * `registry.ollama.ai/library/llama3.2:latest`, and a registry with a port
 * (`localhost:5000/foo`) is not mistaken for a tag.
 */
export interface ModelNameParts {
  readonly host: string;
  readonly namespace: string;
  readonly model: string;
  readonly tag: string;
}

export const DEFAULT_MODEL_HOST = 'registry.ollama.ai';
export const DEFAULT_MODEL_NAMESPACE = 'library';
export const DEFAULT_MODEL_TAG = 'latest';

/**
 * Splits a name the way Ollama does: the tag only after a `:` that follows the
 * last `/` (a colon before it belongs to a host:port), then the model, the
 * namespace and whatever is left as the host (a `scheme://` is dropped).
 * A part promised by its separator but empty stays empty, so it can never
 * match a default.
 */
export function parseModelName(name: string): ModelNameParts {
  let rest = name.trim();
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const [beforeModel, model] = cutLast(rest, '/');
  if (beforeModel === undefined) return { host: DEFAULT_MODEL_HOST, namespace: DEFAULT_MODEL_NAMESPACE, model, tag: tag ?? DEFAULT_MODEL_TAG };
  const [beforeNamespace, namespace] = cutLast(beforeModel, '/');
  if (beforeNamespace === undefined) return { host: DEFAULT_MODEL_HOST, namespace, model, tag: tag ?? DEFAULT_MODEL_TAG };
  const scheme = beforeNamespace.indexOf('://');
  const host = scheme >= 0 ? beforeNamespace.slice(scheme + 3) : beforeNamespace;
  return { host, namespace, model, tag: tag ?? DEFAULT_MODEL_TAG };
}

/** The name in full, lower-cased: equal for two names exactly when sameModelName says so (a map key). */
export function modelNameKey(name: string): string {
  const p = parseModelName(name);
  return `${p.host}/${p.namespace}/${p.model}:${p.tag}`.toLowerCase();
}

/** True when both name the same model; a name without a model part names none. */
export function sameModelName(a: string, b: string): boolean {
  if (parseModelName(a).model === '' || parseModelName(b).model === '') return false;
  return modelNameKey(a) === modelNameKey(b);
}

/** The first item named like `name` (an installed model, a loaded one, a pull). */
export function findModel<T extends { readonly name: string }>(items: readonly T[], name: string): T | undefined {
  return items.find((item) => sameModelName(item.name, name));
}

/** [before, after] at the last `separator`; before is undefined when there is none. */
function cutLast(text: string, separator: string): [string | undefined, string] {
  const at = text.lastIndexOf(separator);
  return at < 0 ? [undefined, text] : [text.slice(0, at), text.slice(at + separator.length)];
}

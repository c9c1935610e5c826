// API keys for a server behind a proxy or a team server: which host a key
// belongs to, how it joins a request's headers, and how it is kept out of
// anything Hearth writes. Pure; the keys themselves live in VS Code's
// SecretStorage (src/vscode/secretApiKeys.ts), never in settings.
import type { ConnectionConfig } from './connectionConfig';

/** Where keys come from: a synchronous lookup of what SecretStorage held when last read. */
export interface ApiKeySource {
  keyFor(hostId: string): string | undefined;
  /** Every stored key, so logs can mask them wherever they appear. */
  allKeys(): readonly string[];
}

/**
 * The host a key belongs to: scheme, host name and port (a path prefix is the
 * same server). A key set for http://gpu:8000 is never sent to http://gpu:8001
 * or to https://gpu:8000.
 */
export function hostIdOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

const AUTHORIZATION = /^authorization$/i;

/**
 * The connection with `Authorization: Bearer <key>` when a key is stored for
 * its host. The stored key replaces an Authorization header from the settings
 * (it is the newer, deliberate choice). A host that failed to parse gets no
 * key: nothing is sent there anyway, and its stand-in address is not the
 * user's server.
 */
export function withApiKey(config: ConnectionConfig, keys: ApiKeySource): ConnectionConfig {
  if (config.invalidHost) return config;
  const key = keys.keyFor(hostIdOf(config.host.url));
  if (key === undefined) return config;
  const headers = Object.fromEntries(Object.entries(config.headers).filter(([name]) => !AUTHORIZATION.test(name)));
  return { ...config, headers: { ...headers, Authorization: `Bearer ${key}` } };
}

/** A bearer token written into `hearth.ollama.headers`, which Hearth offers to move into SecretStorage. */
export interface HeaderKey {
  /** The header's name as written (any case). */
  readonly header: string;
  readonly key: string;
}

/**
 * The bearer token in `headers`, if any. Other schemes (Basic, custom
 * `x-api-key` headers) are left where they are: moving them would change what
 * the proxy receives.
 */
export function bearerKeyIn(headers: Readonly<Record<string, string>>): HeaderKey | undefined {
  for (const [header, value] of Object.entries(headers)) {
    if (!AUTHORIZATION.test(header)) continue;
    const match = /^\s*bearer\s+(\S+)\s*$/i.exec(value);
    if (match?.[1]) return { header, key: match[1] };
  }
  return undefined;
}

/** `headers` without the one that held the moved key. */
export function withoutHeader(headers: Readonly<Record<string, string>>, header: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name !== header));
}

/** Shorter strings are not masked: they would mangle ordinary words, and no real key is that short. */
const MIN_MASKED_LENGTH = 8;

/** `text` with every occurrence of a key replaced by a mask, for logs and reports. */
export function maskKeys(text: string, keys: readonly string[]): string {
  let masked = text;
  for (const key of keys) {
    if (key.length < MIN_MASKED_LENGTH) continue;
    masked = masked.split(key).join('••••••••');
  }
  return masked;
}


/**
 * `value` (a message about to be posted) with every key masked in every
 * string it holds; the same object when it holds none, so the common case
 * costs one serialization.
 */
export function maskKeysIn<T>(value: T, keys: readonly string[]): T {
  if (keys.length === 0) return value;
  const text = JSON.stringify(value);
  // Keys as they appear inside a JSON string (a quote or backslash escaped).
  const masked = maskKeys(text, keys.map((k) => JSON.stringify(k).slice(1, -1)));
  return masked === text ? value : (JSON.parse(masked) as T);
}

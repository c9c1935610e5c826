/** Where the Ollama host came from; diagnostics and the view explain it. */
export type HostSource = 'setting' | 'env' | 'default';

export interface ResolvedHost {
  /** Base URL handed to the `ollama` client: scheme, host, explicit port, optional path prefix, no trailing slash. */
  readonly url: string;
  readonly source: HostSource;
  /** The text as the user wrote it (empty for the default). */
  readonly raw: string;
  /** True when requests stay on this machine. */
  readonly isLoopback: boolean;
}

export const DEFAULT_OLLAMA_PORT = '11434';
export const DEFAULT_OLLAMA_HOST = `http://127.0.0.1:${DEFAULT_OLLAMA_PORT}`;

export class InvalidHostError extends Error {
  constructor(
    readonly raw: string,
    readonly source: HostSource,
  ) {
    super(`"${raw}" (${source === 'env' ? 'OLLAMA_HOST' : 'hearth.ollama.host'}) is not a valid Ollama address`);
    this.name = 'InvalidHostError';
  }
}

/**
 * Setting first, then OLLAMA_HOST, then the default — the order Ollama's own CLI
 * uses for the environment variable, with the editor setting on top.
 * Throws InvalidHostError for an address that cannot be parsed, so the user is
 * told instead of Hearth silently dialling somewhere else.
 */
export function resolveOllamaHost(setting: string | undefined, env: string | undefined): ResolvedHost {
  const fromSetting = setting?.trim() ?? '';
  if (fromSetting) return { ...normalizeHost(fromSetting, 'setting'), source: 'setting', raw: fromSetting };
  const fromEnv = env?.trim() ?? '';
  if (fromEnv) return { ...normalizeHost(fromEnv, 'env'), source: 'env', raw: fromEnv };
  return { url: DEFAULT_OLLAMA_HOST, isLoopback: true, source: 'default', raw: '' };
}

function normalizeHost(raw: string, source: HostSource): { url: string; isLoopback: boolean } {
  let text = raw;
  // ":11435" is how OLLAMA_HOST spells "loopback on another port".
  if (text.startsWith(':')) text = `127.0.0.1${text}`;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!hasScheme) text = `http://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidHostError(raw, source);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new InvalidHostError(raw, source);
  }
  // A bind-all address is where the daemon listens, not where to dial it.
  let hostname = url.hostname;
  if (hostname === '0.0.0.0') hostname = '127.0.0.1';
  if (hostname === '[::]') hostname = '[::1]';
  // The `ollama` package would dial port 80 for "http://host"; Ollama listens on
  // 11434. For https the user is talking to a TLS proxy, which listens on 443.
  const port = url.port || (url.protocol === 'https:' ? '443' : DEFAULT_OLLAMA_PORT);
  const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  const path = url.pathname.replace(/\/+$/, '');
  return {
    url: `${url.protocol}//${auth}${hostname}:${port}${path}`,
    isLoopback: isLoopbackHostname(hostname),
  };
}

export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^127(\.\d{1,3}){3}$/.test(h)) return true;
  // IPv4-mapped loopback, e.g. ::ffff:127.0.0.1 (URL prints it as ::ffff:7f00:1).
  return /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(h);
}

/** The host without credentials, for messages and logs. */
export function displayHost(host: ResolvedHost): string {
  try {
    const url = new URL(host.url);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return host.url;
  }
}

import { toKeepAlive } from '../keepAlive';
import { DEFAULT_OLLAMA_HOST, InvalidHostError, resolveOllamaHost } from '../ollamaHost';
import type { ResolvedHost } from '../ollamaHost';

/** What the Ollama service dials, and the load options every request carries. */
export interface ConnectionConfig {
  readonly host: ResolvedHost;
  readonly headers: Readonly<Record<string, string>>;
  /** Already converted for the wire (see toKeepAlive). */
  readonly keepAlive: string | number;
  readonly numCtx: number;
  /** Set when the configured address cannot be parsed: every request fails with it, none is sent. */
  readonly invalidHost?: string;
}

export interface ConnectionSettings {
  readonly host: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly keepAlive: string;
  readonly numCtx: number;
}

/** Settings + environment → what the Ollama service dials. Pure; tested. */
export function toConnectionConfig(settings: ConnectionSettings, env: string | undefined): ConnectionConfig {
  const common = { headers: settings.headers, keepAlive: toKeepAlive(settings.keepAlive), numCtx: settings.numCtx };
  try {
    return { ...common, host: resolveOllamaHost(settings.host, env) };
  } catch (error) {
    if (!(error instanceof InvalidHostError)) throw error;
    // Never fall back to another address: report the bad one instead.
    return {
      ...common,
      host: { url: DEFAULT_OLLAMA_HOST, source: error.source, raw: error.raw, isLoopback: true },
      invalidHost: error.message,
    };
  }
}

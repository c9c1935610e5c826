// The inspector shows and copies requests; secrets in them stay hidden. Header
// values come from `hearth.ollama.headers` (Authorization, API keys, cookies):
// every value is masked except the client's own content headers, whose values
// are fixed by the `ollama` package and carry nothing of the user's.

export const MASK = '<masked>';

const PLAIN_HEADERS = new Set(['content-type', 'accept', 'user-agent']);

/** Headers as the inspector shows and copies them: names kept, values masked unless known to be harmless. */
export function maskHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) masked[name] = PLAIN_HEADERS.has(name.toLowerCase()) ? value : MASK;
  return masked;
}

/** A URL without credentials or query values (a proxy's `?key=`). */
export function maskUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/[^/@]*@/, `//${MASK}@`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = 'masked';
    parsed.password = '';
  }
  for (const key of [...parsed.searchParams.keys()]) parsed.searchParams.set(key, 'masked');
  return parsed.toString();
}

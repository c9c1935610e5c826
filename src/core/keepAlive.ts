/**
 * Ollama parses a string keep_alive with Go's time.ParseDuration, which rejects
 * unit-less numbers such as "-1" or "300"; those are sent as JSON numbers
 * (seconds) instead. Durations with units are passed through as written.
 */
export function toKeepAlive(setting: string): string | number {
  const text = setting.trim();
  if (text === '') return '5m';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

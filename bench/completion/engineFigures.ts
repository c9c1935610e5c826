import type { Figures } from './figures';

/** One developer's load on a server, from a replay: what the README's "Team server" arithmetic uses. */
export interface TeamLoad {
  /** Requests started per minute of typing (aborted ones included: each reached the server). */
  readonly requests_per_dev_minute: number;
  /** Model-busy seconds per request (slot taken → connection closed), aborted ones included. */
  readonly generation_s_per_request: number;
  /** requests_per_dev_minute × generation_s_per_request / 60: the share of one model slot a developer keeps busy. */
  readonly slot_share_per_dev: number;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export function teamLoad(f: Figures, typingMinutes: number): TeamLoad {
  const perMinute = typingMinutes > 0 ? f.requests_started / typingMinutes : 0;
  const perRequest = f.daemon_received > 0 ? f.generation_s / f.daemon_received : 0;
  return {
    requests_per_dev_minute: round(perMinute, 1),
    generation_s_per_request: round(perRequest, 3),
    slot_share_per_dev: round((perMinute * perRequest) / 60, 3),
  };
}

/**
 * Hearth on the Ollama stand-in beside Hearth on the vLLM stand-in (the same
 * traces, latency model and pipeline; only the wire protocol differs), then
 * the load one developer puts on the server. Returns the vLLM load.
 */
export function printEngineTable(ollama: Figures, vllm: Figures, typingMinutes: number): TeamLoad {
  const rows: [string, keyof Figures, string][] = [
    ['requests started', 'requests_started', ''],
    ['  aborted (superseded or cancelled)', 'requests_aborted', ''],
    ['server: requests received', 'daemon_received', ''],
    ['server: connections closed by the client', 'daemon_client_closed', ''],
    ['generation time (model busy)', 'generation_s', 's'],
    ['generation on results never shown', 'wasted_generation_pct', '%'],
    ['pauses with a suggestion', 'pause_coverage_pct', '%'],
    ['pause → suggestion p50', 'pause_to_suggestion_p50_ms', 'ms'],
    ['pause → suggestion p95', 'pause_to_suggestion_p95_ms', 'ms'],
    ['answers served from the cache', 'cache_served', ''],
  ];
  const cell = (f: Figures, key: keyof Figures, unit: string): string => `${f[key]}${unit ? ` ${unit}` : ''}`;
  const table = [['Hearth by engine', 'Ollama', 'vLLM (OpenAI API)'], ...rows.map(([label, key, unit]) => [label, cell(ollama, key, unit), cell(vllm, key, unit)])];
  const widths = [0, 1, 2].map((i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  console.log('');
  for (const row of table) console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
  const load = teamLoad(vllm, typingMinutes);
  console.log(
    `One developer on the vLLM stand-in: ${load.requests_per_dev_minute} requests per minute of typing × ${load.generation_s_per_request} s of generation each ` +
      `= ${load.slot_share_per_dev} of one model slot (${typingMinutes.toFixed(1)} min of typing replayed).`,
  );
  console.log('');
  return load;
}

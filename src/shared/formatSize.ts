// Byte sizes in decimal units, as Ollama's own CLI prints them ("1.2 GB").
// Shared by the host (pull progress, diagnostics) and the webview (model list).

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** `bytes` scaled to the largest decimal unit it reaches. */
export function toDecimalUnits(bytes: number): { readonly value: number; readonly unit: (typeof UNITS)[number] } {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return { value, unit: UNITS[unit] ?? 'B' };
}

/** One decimal for every unit above bytes: "6.1 GB", "986.0 MB", "512 B". */
export function formatSize(bytes: number): string {
  const { value, unit } = toDecimalUnits(bytes);
  return unit === 'B' ? `${value} B` : `${value.toFixed(1)} ${unit}`;
}

// Byte sizes as Hearth shows them, in one place for the host and the webview:
// models and downloads in decimal units as Ollama's own CLI prints them
// ("1.2 GB"), instruction text in binary units ("12.3 KiB", the budget's own).

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

/** Compact, for lists: "4.7 GB", "986 MB" (a decimal only below 10); '—' when unknown. */
export function formatSizeShort(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '—';
  const { value, unit } = toDecimalUnits(bytes);
  return `${value.toFixed(value >= 10 || unit === 'B' ? 0 : 1)} ${unit}`;
}

/** Text sizes in binary units: "500 B", "1.7 KiB", "2.0 MiB". */
export function formatBinarySize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * How much of a loaded model runs on the CPU (`size_vram` below `size`):
 * "40% on the CPU (2.4 GB of 6.1 GB in system memory)", "all on the CPU
 * (6.1 GB in system memory)"; undefined when all of it is in GPU memory.
 */
export function describeCpuShare(sizeBytes: number, vramBytes: number, format: (bytes: number) => string = formatSize): string | undefined {
  const onCpu = Math.max(0, sizeBytes - vramBytes);
  if (onCpu === 0) return undefined;
  if (vramBytes <= 0) return `all on the CPU (${format(sizeBytes)} in system memory)`;
  return `${Math.round((100 * onCpu) / sizeBytes)}% on the CPU (${format(onCpu)} of ${format(sizeBytes)} in system memory)`;
}

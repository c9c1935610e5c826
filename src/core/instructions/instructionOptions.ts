import { normalizeRelPath } from './instructionPaths';

export interface InstructionOptions {
  /** Names looked up, in order, in a directory without AGENTS.override.md or AGENTS.md. May contain a slash ('.github/copilot-instructions.md'). */
  fallbackFileNames: readonly string[];
  /** UTF-8 bytes of instruction text shared by all files of one chain. */
  budgetBytes: number;
  /** Expand `@relative/path.md` lines (Claude-style imports). */
  importsEnabled: boolean;
}

export const DEFAULT_INSTRUCTION_OPTIONS: InstructionOptions = Object.freeze({
  fallbackFileNames: Object.freeze([]),
  budgetBytes: 32768,
  importsEnabled: false,
});

/** Looked up first in every directory, in this order; at most one file per directory is used. */
export const PRIMARY_INSTRUCTION_FILE_NAMES: readonly string[] = Object.freeze(['AGENTS.override.md', 'AGENTS.md']);

/**
 * Read beyond the budget so front matter, a BOM and a line-boundary cut still
 * leave a full budget of text, while a multi-megabyte file costs one small read.
 */
export const INSTRUCTION_READ_SLACK_BYTES = 4096;

export function instructionReadLimit(options: InstructionOptions): number {
  return options.budgetBytes + INSTRUCTION_READ_SLACK_BYTES;
}

/**
 * Settings arrive from users: drop empty, absolute or escaping fallback names,
 * duplicates and the primary names (already looked up first), and clamp the
 * budget to a non-negative integer.
 */
export function normalizeInstructionOptions(options: InstructionOptions): InstructionOptions {
  const seen = new Set<string>(PRIMARY_INSTRUCTION_FILE_NAMES);
  const fallbackFileNames: string[] = [];
  for (const raw of options.fallbackFileNames) {
    const name = normalizeRelPath(raw.trim());
    if (name === undefined || name === '' || name.includes('\\') || seen.has(name)) continue;
    seen.add(name);
    fallbackFileNames.push(name);
  }
  const budget = Number.isFinite(options.budgetBytes) ? Math.max(0, Math.floor(options.budgetBytes)) : DEFAULT_INSTRUCTION_OPTIONS.budgetBytes;
  return { fallbackFileNames, budgetBytes: budget, importsEnabled: options.importsEnabled === true };
}

/** Every name a directory is searched for, in priority order. */
export function candidateFileNames(options: InstructionOptions): readonly string[] {
  return [...PRIMARY_INSTRUCTION_FILE_NAMES, ...options.fallbackFileNames];
}

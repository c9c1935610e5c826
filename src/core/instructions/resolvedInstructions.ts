import { formatBinarySize } from '../../shared/formatSize';

/** One instruction file of a resolved chain, as the chat prompt and the view see it. */
export interface InstructionFileEntry {
  /** Folder-relative path of the file ('pkg/a/AGENTS.md'). */
  relPath: string;
  /** The directory whose instructions this file is ('' = folder root); differs from the file's own directory for names such as '.github/copilot-instructions.md'. */
  dir: string;
  /** UTF-8 bytes of its instruction text before the budget (after BOM and front matter stripping and import expansion; a file longer than the read limit counts its unread rest as well). */
  bytes: number;
  /** Bytes of `text`, what survived the budget. */
  keptBytes: number;
  /** Estimated tokens of `text`. */
  tokens: number;
  /** The budget shortened or dropped this file. */
  trimmed: boolean;
  /** The file is present but contributes no text (whitespace only, or refused). It still shadows lower-priority names in its directory. */
  empty: boolean;
  /** The file exists but was not used: not UTF-8 text, or unreadable. A warning says why. */
  refused: boolean;
  /** Folder-relative paths expanded into this file by `@path` imports, in order of first use. */
  imports: string[];
  /** The kept text. */
  text: string;
}

export interface ResolvedInstructions {
  /** Root → leaf: the nearest file comes last. */
  files: InstructionFileEntry[];
  /** The whole system-message block, preamble included; '' when no file contributes text. */
  text: string;
  totalBytes: number;
  keptBytes: number;
  trimmedBytes: number;
  /** Estimated tokens of `text`, preamble and delimiters included. */
  tokens: number;
  /** For the log: refused files, refused or failed imports, paths outside the folder. */
  warnings: string[];
}

/**
 * There is no tokenize endpoint, and the real tokenizer depends on the model;
 * four characters a token is the usual estimate for English and code.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function noInstructions(warnings: string[] = []): ResolvedInstructions {
  return { files: [], text: '', totalBytes: 0, keptBytes: 0, trimmedBytes: 0, tokens: 0, warnings };
}

/** "trimmed 12.3 KiB from 2 files", or undefined when the budget cut nothing. */
export function describeTrim(resolved: ResolvedInstructions): string | undefined {
  if (resolved.trimmedBytes <= 0) return undefined;
  const count = resolved.files.filter((file) => file.trimmed).length;
  return `trimmed ${formatBinarySize(resolved.trimmedBytes)} from ${count} ${count === 1 ? 'file' : 'files'}`;
}

import { DEFAULT_INSTRUCTION_OPTIONS } from '../../../../src/core/instructions/instructionOptions';
import type { InstructionOptions } from '../../../../src/core/instructions/instructionOptions';
import { InstructionResolver } from '../../../../src/core/instructions/instructionResolver';
import type { ResolvedInstructions } from '../../../../src/core/instructions/resolvedInstructions';
import { MemoryFs } from './memoryFs';

/** A resolver over an in-memory tree, with options overriding the defaults. */
export function resolverFor(
  tree: Record<string, string | Uint8Array>,
  options: Partial<InstructionOptions> = {},
): { fs: MemoryFs; resolver: InstructionResolver } {
  const fs = new MemoryFs(tree);
  return { fs, resolver: new InstructionResolver(fs, { ...DEFAULT_INSTRUCTION_OPTIONS, ...options }) };
}

export function paths(resolved: ResolvedInstructions): string[] {
  return resolved.files.map((file) => file.relPath);
}

/** The folder-relative paths named by the block delimiters of the assembled text, in order. */
export function blockPaths(text: string): string[] {
  return [...text.matchAll(/^<instructions path="([^"]*)"/gm)].map((match) => match[1] ?? '');
}

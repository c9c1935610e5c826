import type { InstructionFs } from '../../../../src/core/instructions/instructionFs';

export interface RecordedRead {
  readonly path: string;
  readonly maxBytes: number;
}

/**
 * An in-memory workspace folder for instruction tests. Records every read
 * (path and maxBytes), so tests can assert caching and bounded reads. Only
 * files are stored, so a directory path reads as undefined, as the contract
 * asks.
 */
export class MemoryFs implements InstructionFs {
  readonly reads: RecordedRead[] = [];
  private readonly files = new Map<string, Uint8Array>();
  private readonly failing = new Map<string, string>();

  constructor(tree: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(tree)) this.set(path, content);
  }

  set(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  /** Makes reads of `path` reject, as an unreadable file would. */
  fail(path: string, message: string): void {
    this.failing.set(path, message);
  }

  heal(path: string): void {
    this.failing.delete(path);
  }

  /** The paths read so far, in order. */
  readPaths(): string[] {
    return this.reads.map((read) => read.path);
  }

  clearReads(): void {
    this.reads.length = 0;
  }

  read(relPath: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number } | undefined> {
    this.reads.push({ path: relPath, maxBytes });
    const failure = this.failing.get(relPath);
    if (failure !== undefined) return Promise.reject(new Error(failure));
    const bytes = this.files.get(relPath);
    if (bytes === undefined) return Promise.resolve(undefined);
    // A copy, as a real read would return, so tests cannot alias the stored file.
    return Promise.resolve({ bytes: bytes.slice(0, maxBytes), size: bytes.length });
  }
}

import { BoundedCache } from './boundedCache';
import { decodeInstructionText } from './decodeInstructionText';
import type { InstructionFs, InstructionRead } from './instructionFs';
import { utf8ByteLength } from './utf8Text';

export type InstructionFileRecord =
  | { readonly kind: 'absent' }
  | {
      readonly kind: 'text';
      /** Decoded, BOM and front matter stripped, blank edges trimmed; only a prefix when the file is longer than the read limit. */
      readonly text: string;
      /** UTF-8 bytes of `text` plus whatever the bounded read left unread. */
      readonly bytes: number;
    }
  | {
      readonly kind: 'refused';
      readonly reason: string;
      /** A read failure rather than a verdict on the content: retried on the next lookup instead of cached. */
      readonly transient: boolean;
    };

/** Enough for every candidate name of every directory a user visits in a large monorepo; an evicted entry is just re-read. */
const FILE_CACHE_ENTRIES = 4096;

/**
 * Reads, decodes and caches instruction files (and import targets) by
 * folder-relative path. Absent files are cached too, so looking a directory up
 * again costs no reads. Reads are bounded by `readLimit`, so a multi-megabyte
 * file costs one small read.
 */
export class InstructionFileStore {
  private readonly cache = new BoundedCache<string, Promise<InstructionFileRecord>>(FILE_CACHE_ENTRIES);
  /** Lower-cased folder-relative real path of each path read through a link inside the folder. */
  private readonly linkTargets = new BoundedCache<string, string>(FILE_CACHE_ENTRIES);

  constructor(
    private readonly fs: InstructionFs,
    private readLimit: number,
  ) {}

  /** A larger limit makes cached prefixes too short; a smaller one makes them wasteful. Either way, start over. */
  setReadLimit(readLimit: number): void {
    if (readLimit === this.readLimit) return;
    this.readLimit = readLimit;
    this.cache.clear();
  }

  read(relPath: string): Promise<InstructionFileRecord> {
    const cached = this.cache.get(relPath);
    if (cached !== undefined) return cached;
    const pending = this.load(relPath);
    this.cache.set(relPath, pending);
    const forget = (): void => this.cache.deleteIf(relPath, pending);
    pending.then((record) => {
      if (record.kind === 'refused' && record.transient) forget();
    }, forget);
    return pending;
  }

  /** Forgets every cached path the predicate selects, or whose link leads to such a path. */
  invalidate(affected: (relPath: string) => boolean): void {
    const viaLink = (relPath: string): boolean => affected(relPath) || this.linksInto(relPath, affected);
    this.cache.deleteWhere(viaLink);
    this.linkTargets.deleteWhere(viaLink);
  }

  /** True when some cached path satisfies the predicate. */
  holds(predicate: (relPath: string) => boolean): boolean {
    return this.cache.someKey(predicate);
  }

  /** True when some path was read through a link leading to a path the predicate selects. */
  isLinkTarget(predicate: (lowerCasedTarget: string) => boolean): boolean {
    return this.linkTargets.someKey((relPath) => this.linksInto(relPath, predicate));
  }

  /** Whether `relPath` was read through a link whose target the predicate selects. */
  linksInto(relPath: string, predicate: (lowerCasedTarget: string) => boolean): boolean {
    const target = this.linkTargets.peek(relPath);
    return target !== undefined && predicate(target);
  }

  clear(): void {
    this.cache.clear();
    this.linkTargets.clear();
  }

  private async load(relPath: string): Promise<InstructionFileRecord> {
    let found: InstructionRead | undefined;
    try {
      found = await this.fs.read(relPath, this.readLimit);
    } catch (error) {
      return { kind: 'refused', reason: `it could not be read (${error instanceof Error ? error.message : String(error)})`, transient: true };
    }
    if (found === undefined) return { kind: 'absent' };
    // A verdict on what the path is (a link out of the folder, a FIFO), not a failed read: kept until the watcher reports a change.
    if ('refused' in found) return { kind: 'refused', reason: found.refused, transient: false };
    if (found.target !== undefined) this.linkTargets.set(relPath, found.target.toLowerCase());
    // Do not trust an adapter to honour maxBytes: the bound is what keeps huge files cheap.
    const bytes = found.bytes.length > this.readLimit ? found.bytes.subarray(0, this.readLimit) : found.bytes;
    const unread = Math.max(0, found.size - bytes.length);
    const decoded = decodeInstructionText(bytes, unread > 0);
    if (!decoded.ok) return { kind: 'refused', reason: decoded.reason, transient: false };
    const text = decoded.text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
    return { kind: 'text', text, bytes: utf8ByteLength(text) + unread };
  }
}

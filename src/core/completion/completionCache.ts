/** Where a completion was asked for: exactly the strings its prompt was built from. */
export interface CompletionPosition {
  readonly docKey: string;
  readonly prefix: string;
  readonly suffix: string;
}

export interface CompletionCacheLimits {
  readonly maxEntries: number;
  /** Bound on prefix + suffix + completion characters over all entries. */
  readonly maxChars: number;
}

export const DEFAULT_CACHE_LIMITS: CompletionCacheLimits = { maxEntries: 256, maxChars: 4_000_000 };

export type CacheHit = (
  | { readonly kind: 'exact'; readonly completion: string }
  /** The user typed `typed` of a cached completion; `completion` is what remains. */
  | { readonly kind: 'typeThrough'; readonly completion: string; readonly typed: string }
) & {
  /** What the entry was stored with (the pipeline's request id): a hit is that request's answer, shown. */
  readonly source?: number;
};

interface Entry {
  readonly position: CompletionPosition;
  readonly completion: string;
  readonly chars: number;
  readonly source?: number;
}

/**
 * The one key function, used by store and lookup alike. Nothing is trimmed or
 * normalised: a cache that strips whitespace serves a completion computed for
 * a different text. JSON keeps the parts apart (`a`+`bc` ≠ `ab`+`c`).
 */
export function completionCacheKey(position: CompletionPosition): string {
  return JSON.stringify([position.docKey, position.suffix, position.prefix]);
}

/**
 * A bounded LRU of shown completions. Besides exact hits (which also serve
 * walk-back: deleting back to a position that had a suggestion), it serves
 * type-through: when the user types the start of a cached completion, the rest
 * of it is still the answer, with no request.
 */
export class CompletionCache {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;

  constructor(private readonly limits: CompletionCacheLimits = DEFAULT_CACHE_LIMITS) {}

  get size(): number {
    return this.entries.size;
  }

  get totalChars(): number {
    return this.chars;
  }

  /** Empty completions are stored too: "the model had nothing here" saves a request. */
  store(position: CompletionPosition, completion: string, source?: number): void {
    const key = completionCacheKey(position);
    this.remove(key);
    const chars = position.prefix.length + position.suffix.length + completion.length;
    if (chars > this.limits.maxChars || this.limits.maxEntries <= 0) return;
    this.entries.set(key, { position, completion, chars, ...(source !== undefined ? { source } : {}) });
    this.chars += chars;
    this.evict();
  }

  lookup(position: CompletionPosition): CacheHit | undefined {
    const key = completionCacheKey(position);
    const exact = this.entries.get(key);
    if (exact !== undefined) {
      this.touch(key, exact);
      return { kind: 'exact', completion: exact.completion, ...sourceOf(exact) };
    }
    let best: { key: string; entry: Entry; typed: string } | undefined;
    for (const [candidateKey, entry] of this.entries) {
      const p = entry.position;
      if (p.docKey !== position.docKey || p.suffix !== position.suffix) continue;
      if (position.prefix.length <= p.prefix.length || !position.prefix.startsWith(p.prefix)) continue;
      const typed = position.prefix.slice(p.prefix.length);
      // Typing all of it means the user wants what comes next: that is a new request.
      if (typed.length >= entry.completion.length || !entry.completion.startsWith(typed)) continue;
      // The longest cached prefix is the most recent answer for this stretch of typing.
      if (best === undefined || p.prefix.length > best.entry.position.prefix.length) best = { key: candidateKey, entry, typed };
    }
    if (best === undefined) return undefined;
    this.touch(best.key, best.entry);
    return { kind: 'typeThrough', completion: best.entry.completion.slice(best.typed.length), typed: best.typed, ...sourceOf(best.entry) };
  }

  /** Drops a document's entries (closed, or changed outside the typing the cache follows). */
  forgetDocument(docKey: string): void {
    for (const [key, entry] of [...this.entries]) if (entry.position.docKey === docKey) this.remove(key);
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.chars -= entry.chars;
  }

  private evict(): void {
    for (const [key] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.chars <= this.limits.maxChars) return;
      this.remove(key);
    }
  }
}

function sourceOf(entry: Entry): { source?: number } {
  return entry.source !== undefined ? { source: entry.source } : {};
}

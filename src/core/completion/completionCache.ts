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
 * The one key, used by store and lookup alike: document, suffix, prefix, as
 * they are. Nothing is trimmed or normalised: a cache that strips whitespace
 * serves a completion computed for a different text. The parts stay apart
 * (`a`+`bc` ≠ `ab`+`c`), and no key string is built from them: prefix and
 * suffix are thousands of characters, and a lookup runs on every keystroke.
 */
export function completionCacheKey(position: CompletionPosition): readonly [docKey: string, suffix: string, prefix: string] {
  return [position.docKey, position.suffix, position.prefix];
}

/**
 * A bounded LRU of shown completions. Besides exact hits (which also serve
 * walk-back: deleting back to a position that had a suggestion), it serves
 * type-through: when the user types the start of a cached completion, the rest
 * of it is still the answer, with no request. Entries are filed by document,
 * then suffix, then prefix, so a type-through lookup reads only the entries
 * with the same document and suffix.
 */
export class CompletionCache {
  private readonly tree = new Map<string, Map<string, Map<string, Entry>>>();
  /** Every entry, least recently used first. */
  private readonly order = new Set<Entry>();
  private chars = 0;

  constructor(private readonly limits: CompletionCacheLimits = DEFAULT_CACHE_LIMITS) {}

  get size(): number {
    return this.order.size;
  }

  get totalChars(): number {
    return this.chars;
  }

  /** Empty completions are stored too: "the model had nothing here" saves a request. */
  store(position: CompletionPosition, completion: string, source?: number): void {
    const [docKey, suffix, prefix] = completionCacheKey(position);
    const previous = this.tree.get(docKey)?.get(suffix)?.get(prefix);
    if (previous !== undefined) this.remove(previous);
    const chars = position.prefix.length + position.suffix.length + completion.length;
    if (chars > this.limits.maxChars || this.limits.maxEntries <= 0) return;
    const entry: Entry = { position, completion, chars, ...(source !== undefined ? { source } : {}) };
    let bySuffix = this.tree.get(docKey);
    if (bySuffix === undefined) {
      bySuffix = new Map<string, Map<string, Entry>>();
      this.tree.set(docKey, bySuffix);
    }
    let byPrefix = bySuffix.get(suffix);
    if (byPrefix === undefined) {
      byPrefix = new Map<string, Entry>();
      bySuffix.set(suffix, byPrefix);
    }
    byPrefix.set(prefix, entry);
    this.order.add(entry);
    this.chars += chars;
    this.evict();
  }

  lookup(position: CompletionPosition): CacheHit | undefined {
    const [docKey, suffix, prefix] = completionCacheKey(position);
    const byPrefix = this.tree.get(docKey)?.get(suffix);
    if (byPrefix === undefined) return undefined;
    const exact = byPrefix.get(prefix);
    if (exact !== undefined) {
      this.touch(exact);
      return { kind: 'exact', completion: exact.completion, ...sourceOf(exact) };
    }
    let best: { entry: Entry; typed: string } | undefined;
    for (const [cachedPrefix, entry] of byPrefix) {
      if (prefix.length <= cachedPrefix.length || !prefix.startsWith(cachedPrefix)) continue;
      const typed = prefix.slice(cachedPrefix.length);
      // Typing all of it means the user wants what comes next: that is a new request.
      if (typed.length >= entry.completion.length || !entry.completion.startsWith(typed)) continue;
      // The longest cached prefix is the most recent answer for this stretch of typing.
      if (best === undefined || cachedPrefix.length > best.entry.position.prefix.length) best = { entry, typed };
    }
    if (best === undefined) return undefined;
    this.touch(best.entry);
    return { kind: 'typeThrough', completion: best.entry.completion.slice(best.typed.length), typed: best.typed, ...sourceOf(best.entry) };
  }

  /** Drops a document's entries (closed, or changed outside the typing the cache follows). */
  forgetDocument(docKey: string): void {
    for (const byPrefix of this.tree.get(docKey)?.values() ?? []) for (const entry of byPrefix.values()) this.forget(entry);
    this.tree.delete(docKey);
  }

  clear(): void {
    this.tree.clear();
    this.order.clear();
    this.chars = 0;
  }

  private touch(entry: Entry): void {
    this.order.delete(entry);
    this.order.add(entry);
  }

  private remove(entry: Entry): void {
    const [docKey, suffix, prefix] = completionCacheKey(entry.position);
    const bySuffix = this.tree.get(docKey);
    const byPrefix = bySuffix?.get(suffix);
    if (byPrefix?.get(prefix) !== entry) return;
    byPrefix.delete(prefix);
    if (byPrefix.size === 0) bySuffix?.delete(suffix);
    if (bySuffix?.size === 0) this.tree.delete(docKey);
    this.forget(entry);
  }

  /** Takes an entry out of the LRU and the character count (not out of the tree). */
  private forget(entry: Entry): void {
    if (this.order.delete(entry)) this.chars -= entry.chars;
  }

  private evict(): void {
    for (const entry of this.order) {
      if (this.order.size <= this.limits.maxEntries && this.chars <= this.limits.maxChars) return;
      this.remove(entry);
    }
  }
}

function sourceOf(entry: Entry): { source?: number } {
  return entry.source !== undefined ? { source: entry.source } : {};
}

/**
 * A least-recently-used map with a fixed entry limit. The instruction caches
 * grow with every directory the user visits; in a large monorepo that must not
 * become unbounded.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Re-insert so Map order is recency order and eviction takes the oldest.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Looks without counting as a use (safe inside deleteWhere and someKey predicates). */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Deletes `key` only while it still maps to `value`, so a late cleanup cannot remove a newer entry. */
  deleteIf(key: K, value: V): void {
    if (this.entries.get(key) === value) this.entries.delete(key);
  }

  deleteWhere(predicate: (key: K) => boolean): void {
    for (const key of [...this.entries.keys()]) if (predicate(key)) this.entries.delete(key);
  }

  someKey(predicate: (key: K) => boolean): boolean {
    for (const key of this.entries.keys()) if (predicate(key)) return true;
    return false;
  }

  clear(): void {
    this.entries.clear();
  }
}

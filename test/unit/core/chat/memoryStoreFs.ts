import type { StoreFs } from '../../../../src/core/chat/conversationStore';

/** The conversation store's folder in memory; a write can be made to fail half-way, like a crash. */
export class MemoryStoreFs implements StoreFs {
  readonly files = new Map<string, Uint8Array>();
  writes: string[] = [];
  /** Every version written, in order (a later write may replace a file's content). */
  readonly written: { readonly name: string; readonly text: string }[] = [];
  /** Throws on the nth write from now (a crash mid-save). */
  failNextWrite = false;

  list(): Promise<string[]> {
    return Promise.resolve([...this.files.keys()]);
  }
  read(name: string): Promise<Uint8Array> {
    const data = this.files.get(name);
    return data ? Promise.resolve(data) : Promise.reject(new Error(`ENOENT ${name}`));
  }
  async write(name: string, data: Uint8Array): Promise<void> {
    await new Promise((r) => setTimeout(r, 1));
    if (this.failNextWrite) {
      this.failNextWrite = false;
      // Half the bytes reach the disk, then the process dies.
      this.files.set(name, data.slice(0, Math.floor(data.length / 2)));
      throw new Error('crash');
    }
    this.writes.push(name);
    this.written.push({ name, text: new TextDecoder().decode(data) });
    this.files.set(name, data);
  }
  rename(from: string, to: string): Promise<void> {
    const data = this.files.get(from);
    if (!data) return Promise.reject(new Error(`ENOENT ${from}`));
    this.files.delete(from);
    this.files.set(to, data);
    return Promise.resolve();
  }
  remove(name: string): Promise<void> {
    this.files.delete(name);
    return Promise.resolve();
  }
  text(name: string): string {
    return new TextDecoder().decode(this.files.get(name));
  }
}

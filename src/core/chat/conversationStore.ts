import type { Logger } from '../logger';
import type { Conversation, StoredTurn } from './conversation';
import { parseConversation } from './parseConversation';

/** The store's folder, by file name: the VS Code adapter maps it to the extension's storage, tests to memory. */
export interface StoreFs {
  /** File names in the folder; [] when it does not exist yet. */
  list(): Promise<string[]>;
  read(name: string): Promise<Uint8Array>;
  /** Creates the folder when needed. */
  write(name: string, data: Uint8Array): Promise<void>;
  /** Replaces `to` if it exists. */
  rename(from: string, to: string): Promise<void>;
  remove(name: string): Promise<void>;
}

export interface LoadedConversations {
  /** Newest first. */
  readonly conversations: Conversation[];
  /** What the user should hear about, e.g. a file that was set aside. */
  readonly warnings: string[];
}

const SUFFIX = '.json';
const TEMP = '.tmp';

/**
 * Conversations as one JSON file each. A file is written to a temporary name
 * and renamed over the old one, so a crash mid-write leaves the previous
 * version intact; saves of one conversation are serialized and coalesced, so
 * a streaming answer saved every second never writes out of order. A file
 * that does not parse is renamed aside, never deleted, and the rest load.
 */
export class ConversationStore {
  private readonly pending = new Map<string, Conversation>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly removed = new Set<string>();

  constructor(
    private readonly fs: StoreFs,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async loadAll(): Promise<LoadedConversations> {
    const names = await this.fs.list();
    const conversations: Conversation[] = [];
    const warnings: string[] = [];
    for (const name of names) {
      if (name.endsWith(SUFFIX + TEMP)) {
        // A write that never reached its rename: the file beside it is the last good version.
        await this.fs.remove(name).catch(() => undefined);
        continue;
      }
      if (!name.endsWith(SUFFIX)) continue;
      const conversation = await this.readOne(name);
      if (conversation) {
        conversations.push(recoverInterrupted(conversation));
        continue;
      }
      const aside = `${name}.corrupt-${this.now()}`;
      try {
        await this.fs.rename(name, aside);
        warnings.push(`A conversation file could not be read and was set aside as ${aside}; the other conversations are loaded.`);
      } catch (error) {
        warnings.push(`A conversation file (${name}) could not be read: ${String(error)}`);
      }
      this.log.warn(`Chat store: ${name} is not a valid conversation; moved to ${aside}`);
    }
    conversations.sort((a, b) => b.updatedAt - a.updatedAt);
    return { conversations, warnings };
  }

  /** Writes the conversation; resolves once this version (or a newer one) is on disk. */
  save(conversation: Conversation): Promise<void> {
    this.removed.delete(conversation.id);
    this.pending.set(conversation.id, conversation);
    return this.enqueue(conversation.id, () => this.writeLatest(conversation.id));
  }

  remove(id: string): Promise<void> {
    this.removed.add(id);
    this.pending.delete(id);
    return this.enqueue(id, async () => {
      await this.fs.remove(`${id}${SUFFIX}`).catch((error: unknown) => this.log.debug(`Chat store: removing ${id}: ${String(error)}`));
    });
  }

  /** Resolves when every save asked for so far has finished. */
  async flush(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }

  private enqueue(id: string, job: () => Promise<void>): Promise<void> {
    const run = (this.chains.get(id) ?? Promise.resolve()).then(job);
    const settled = run.catch(() => undefined);
    this.chains.set(id, settled);
    void settled.then(() => {
      if (this.chains.get(id) === settled) this.chains.delete(id);
    });
    return run;
  }

  private async writeLatest(id: string): Promise<void> {
    const conversation = this.pending.get(id);
    // Already written by an earlier link of the chain, or deleted meanwhile.
    if (!conversation || this.removed.has(id)) return;
    this.pending.delete(id);
    const name = `${id}${SUFFIX}`;
    const data = new TextEncoder().encode(JSON.stringify(conversation));
    await this.fs.write(name + TEMP, data);
    await this.fs.rename(name + TEMP, name);
  }

  private async readOne(name: string): Promise<Conversation | undefined> {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(await this.fs.read(name));
      const conversation = parseConversation(JSON.parse(text));
      return conversation && `${conversation.id}${SUFFIX}` === name ? conversation : undefined;
    } catch {
      return undefined;
    }
  }
}

/** An answer still marked streaming was cut off by a crash or reload: keep its text, say so. */
function recoverInterrupted(conversation: Conversation): Conversation {
  if (!conversation.turns.some((t) => t.role === 'assistant' && t.status === 'streaming')) return conversation;
  const turns = conversation.turns.map((t): StoredTurn => (t.role === 'assistant' && t.status === 'streaming' ? { ...t, status: 'interrupted' } : t));
  return { ...conversation, turns };
}

import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import type { ChatMemory, ChatNotifications } from './chatPorts';
import { newConversation } from './conversation';
import type { Conversation } from './conversation';
import type { ConversationStore } from './conversationStore';

const ACTIVE_KEY = 'hearth.chat.activeConversation';

export interface ConversationSetDeps {
  readonly store: ConversationStore;
  readonly memory: ChatMemory;
  readonly notifications: ChatNotifications;
  readonly log: Logger;
  /** The model a new conversation starts with. */
  readonly chatModel: () => string;
}

/**
 * The conversations of this workspace as they are saved: loaded once, each
 * change written through the store, one of them active (remembered across
 * reloads). A failed write or read is said, never thrown: the chat goes on.
 */
export class ConversationSet {
  private conversations = new Map<string, Conversation>();
  private activeId = '';
  private loadWarnings: string[] = [];

  constructor(private readonly deps: ConversationSetDeps) {}

  /** What the user should hear about the saved conversations (e.g. a file set aside). */
  get warnings(): readonly string[] {
    return this.loadWarnings;
  }

  async load(): Promise<void> {
    try {
      const loaded = await this.deps.store.loadAll();
      this.conversations = new Map(loaded.conversations.map((c) => [c.id, c]));
      this.loadWarnings = loaded.warnings;
      for (const warning of loaded.warnings) this.deps.notifications.warn(warning);
    } catch (error) {
      this.warn(`Could not read the saved conversations: ${String(error)}`);
    }
    const remembered = this.deps.memory.get<string>(ACTIVE_KEY);
    const newest = [...this.conversations.values()][0];
    if (remembered && this.conversations.has(remembered)) this.activeId = remembered;
    else if (newest) this.activeId = newest.id;
    else this.createActive();
  }

  get(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  all(): Conversation[] {
    return [...this.conversations.values()];
  }

  /** The conversations worth listing: those with turns, newest first. */
  listed(): Conversation[] {
    return this.all()
      .filter((c) => c.turns.length > 0)
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** The open conversation (a new one if there is none). */
  active(): Conversation {
    return this.conversations.get(this.activeId) ?? this.createActive();
  }

  createActive(): Conversation {
    const conversation = newConversation(randomUUID(), this.deps.chatModel(), Date.now());
    this.conversations.set(conversation.id, conversation);
    this.setActive(conversation.id);
    return conversation;
  }

  setActive(id: string): void {
    // An empty conversation that is left behind is not worth keeping.
    const previous = this.conversations.get(this.activeId);
    if (previous && previous.id !== id && previous.turns.length === 0) this.conversations.delete(previous.id);
    this.activeId = id;
    void this.deps.memory.update(ACTIVE_KEY, id);
  }

  /** Keeps the new version and writes it (`touch`: it counts as a change, for the list's order). */
  async save(conversation: Conversation, options: { touch: boolean } = { touch: true }): Promise<Conversation> {
    const next = options.touch ? { ...conversation, updatedAt: Date.now() } : conversation;
    this.conversations.set(next.id, next);
    if (next.turns.length > 0) {
      try {
        await this.deps.store.save(next);
      } catch (error) {
        this.warn(`Could not save the conversation: ${String(error)}`);
      }
    }
    return next;
  }

  /** Writes a version without keeping it (a partial answer while it streams). */
  async write(conversation: Conversation): Promise<void> {
    await this.deps.store.save(conversation).catch((error: unknown) => this.deps.log.warn(`Chat: saving the partial answer failed: ${String(error)}`));
  }

  /** Deletes it; when it was the open one, the newest other one opens (or a new one). */
  async remove(id: string): Promise<void> {
    this.conversations.delete(id);
    await this.deps.store.remove(id).catch((error: unknown) => this.warn(`Could not delete the conversation: ${String(error)}`));
    if (this.activeId !== id) return;
    const newest = this.all().sort((a, b) => b.updatedAt - a.updatedAt)[0];
    if (newest) this.setActive(newest.id);
    else this.createActive();
  }

  private warn(message: string): void {
    this.deps.log.warn(`Chat: ${message}`);
    this.deps.notifications.warn(message);
  }
}

import type { ChatSession, ConversationSummary } from '../../src/shared/protocol';
import { el } from '../dom';
import { host } from '../vscodeApi';
import { icon, iconButton } from './icon';
import { relativeTime } from './sessionText';

/**
 * The chat's title bar: the conversation's title, which opens the list of
 * conversations (switch, rename, export, delete), and New chat. The list is a
 * disclosure: Tab moves through it, Escape closes it and returns focus.
 */
export class ConversationsMenu {
  readonly element: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly title: HTMLElement;
  private readonly list: HTMLElement;
  private session: ChatSession | undefined;

  /** `onNewChat`: where focus goes once a new chat is asked for (the input). */
  constructor(private readonly onNewChat: () => void) {
    this.title = el('span', { class: 'chat-title', 'data-testid': 'chat-title' }, 'New chat');
    this.toggle = el(
      'button',
      { type: 'button', class: 'title-button', 'aria-expanded': 'false', 'aria-controls': 'chat-conversations', 'data-testid': 'conversations-toggle', title: 'Conversations' },
      icon('history'),
      this.title,
      icon('chevron-down'),
    );
    this.toggle.addEventListener('click', () => this.setOpen(this.list.hidden));
    const newChat = iconButton('add', 'New chat', { 'data-testid': 'new-chat' });
    newChat.addEventListener('click', () => {
      this.setOpen(false);
      host.postMessage({ type: 'chatNew' });
      this.onNewChat();
    });
    const exportChat = iconButton('export', 'Export this conversation as Markdown', { 'data-testid': 'export-chat' });
    exportChat.addEventListener('click', () => {
      if (this.session) host.postMessage({ type: 'chatExport', conversationId: this.session.activeId });
    });
    this.list = el('div', { class: 'conversations', id: 'chat-conversations', 'data-testid': 'conversations' });
    this.list.hidden = true;
    this.list.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      this.setOpen(false);
      this.toggle.focus();
    });
    this.element = el('div', { class: 'chat-top' }, el('div', { class: 'chat-header' }, this.toggle, el('span', { class: 'spacer' }), exportChat, newChat), this.list);
  }

  setSession(session: ChatSession): void {
    this.session = session;
    this.title.textContent = session.title || 'New chat';
    this.toggle.setAttribute('aria-label', `Conversation: ${session.title || 'New chat'}. Show conversations`);
    this.drawList(session);
  }

  private setOpen(open: boolean): void {
    this.list.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    if (open) this.list.querySelector<HTMLElement>('[aria-current="true"], button')?.focus();
  }

  private drawList(session: ChatSession): void {
    const now = Date.now();
    const items = [...session.conversations].sort((a, b) => b.updatedAt - a.updatedAt).map((c) => this.item(c, c.id === session.activeId, now));
    this.list.replaceChildren(
      el('h2', { class: 'conversations-heading' }, 'Conversations'),
      items.length > 0 ? el('ul', { class: 'conversation-list' }, ...items) : el('p', { class: 'muted' }, 'No saved conversations yet.'),
    );
  }

  private item(c: ConversationSummary, active: boolean, now: number): HTMLElement {
    const open = el(
      'button',
      { type: 'button', class: 'conversation-open', 'data-conversation-id': c.id, ...(active ? { 'aria-current': 'true' } : {}) },
      el('span', { class: 'conversation-title' }, c.title || 'New chat'),
      el('span', { class: 'muted conversation-meta' }, `${c.turns} message${c.turns === 1 ? '' : 's'} · ${relativeTime(c.updatedAt, now)}`),
    );
    open.addEventListener('click', () => {
      this.setOpen(false);
      if (!active) host.postMessage({ type: 'chatOpen', conversationId: c.id });
      this.toggle.focus();
    });
    const name = c.title || 'New chat';
    const rename = iconButton('rename', `Rename “${name}”`, { 'data-testid': 'rename-conversation' });
    rename.addEventListener('click', () => host.postMessage({ type: 'chatRename', conversationId: c.id }));
    const exportIt = iconButton('export', `Export “${name}” as Markdown`, { 'data-testid': 'export-conversation' });
    exportIt.addEventListener('click', () => host.postMessage({ type: 'chatExport', conversationId: c.id }));
    const remove = iconButton('trash', `Delete “${name}”`, { 'data-testid': 'delete-conversation' });
    remove.addEventListener('click', () => host.postMessage({ type: 'chatDelete', conversationId: c.id }));
    return el('li', { class: active ? 'conversation active' : 'conversation' }, open, el('span', { class: 'conversation-tools' }, rename, exportIt, remove));
  }
}

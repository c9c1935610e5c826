import type { ChatSession, HostToWebview } from '../../src/shared/protocol';
import { el } from '../dom';
import { Announcer } from './announcer';
import { Composer } from './composer';
import { ConversationsMenu } from './conversationsMenu';
import { emptyState, setupHint } from './emptyState';
import { FrameQueue } from './frameQueue';
import { icon } from './icon';
import { CodeHighlighter } from './markdown/codeHighlighter';
import { MessageList } from './messageList';

export type ChatMessage = Exclude<HostToWebview, { type: 'state' } | { type: 'showTab' }>;

export interface ChatPaneHooks {
  /** Switches the view to the Status tab (setup details live there). */
  readonly openStatus: () => void;
}

/** The Chat tab: conversations bar, messages, composer. Everything it shows comes from the host. */
export class ChatPane {
  private readonly menu = new ConversationsMenu(() => this.composer.focus());
  private readonly warnings: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly messages: MessageList;
  private readonly composer: Composer;
  private readonly announcer = new Announcer();
  private session: ChatSession | undefined;

  constructor(
    pane: HTMLElement,
    private readonly hooks: ChatPaneHooks,
  ) {
    this.warnings = el('div', { class: 'chat-warnings', 'data-testid': 'chat-warnings' });
    this.scroller = el('div', { class: 'chat-scroll', 'data-testid': 'chat-scroll' });
    this.empty = el('div', { class: 'empty-slot' });
    this.banner = el('div', { class: 'setup-banner' });
    const frames = new FrameQueue(() => this.messages.followIfAtBottom());
    this.messages = new MessageList(this.scroller, { frames, highlighter: new CodeHighlighter(), announce: (text) => this.announcer.say(text) }, (turn) => this.composer.edit(turn), () => this.drawEmpty());
    this.composer = new Composer(() => this.messages.lastUserTurn());
    this.scroller.append(this.empty, this.messages.element);
    pane.replaceChildren(this.menu.element, this.warnings, this.scroller, this.banner, this.composer.element, this.announcer.element);
    this.drawEmpty();
  }

  /** Handles one host message; one that fails to draw is logged and never stops the ones after it. */
  receive(message: ChatMessage): void {
    try {
      this.handle(message);
    } catch (error) {
      console.error(`Hearth: the chat could not handle ${message.type}`, error);
    }
  }

  private handle(message: ChatMessage): void {
    switch (message.type) {
      case 'chatSession':
        this.setSession(message.session);
        return;
      case 'chatTurns':
        // An edit in progress belongs to the conversation it came from.
        if (this.messages.replaceAll(message.conversationId, message.turns)) this.composer.stopEditing();
        return;
      case 'chatTurn':
        this.messages.upsert(message.conversationId, message.turn);
        return;
      case 'chatDelta':
        this.messages.delta(message.conversationId, message.turnId, message.text, message.thinking);
        return;
      case 'chatCompose':
        this.composer.compose(message.text);
        return;
      default: {
        const unreachable: never = message;
        console.warn('Hearth: unknown chat message', unreachable);
      }
    }
  }

  private setSession(session: ChatSession): void {
    const wasStreaming = this.session?.streaming ?? false;
    this.session = session;
    this.menu.setSession(session);
    this.composer.setSession(session);
    this.messages.adoptConversation(session.activeId);
    this.messages.setStreaming(session.streaming);
    this.warnings.replaceChildren(...session.warnings.map((w) => el('p', { class: 'warning', role: 'status' }, icon('warning'), el('span', {}, w))));
    if (session.streaming && !wasStreaming) this.announcer.say('Hearth is answering.');
    this.drawEmpty();
  }

  private drawEmpty(): void {
    const empty = this.messages.isEmpty;
    this.empty.replaceChildren(...(empty ? [emptyState(this.session, this.hooks.openStatus)] : []));
    this.empty.hidden = !empty;
    const setup = this.session?.setup;
    this.banner.replaceChildren(...(setup && !empty ? [setupHint(setup, this.hooks.openStatus)] : []));
  }
}

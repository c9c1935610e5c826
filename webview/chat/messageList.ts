import { isCodeAction } from '../../src/shared/protocol';
import type { ChatTurn, ChatUserTurn } from '../../src/shared/protocol';
import { host } from '../vscodeApi';
import type { AssistantTurnHooks } from './assistantTurnView';
import { AssistantTurnView } from './assistantTurnView';
import { FallbackTurnView } from './fallbackTurnView';
import { linkTarget } from './linkTarget';
import { codeOfBlock } from './markdown/blockElement';
import { UserTurnView } from './userTurnView';

type TurnView = UserTurnView | AssistantTurnView | FallbackTurnView;

/** Turns drawn at once when a conversation opens, before checking whether they fill the screen. */
const FIRST_BATCH = 6;
/** Older turns are drawn in idle time, this many milliseconds of work at a time. */
const IDLE_SLICE_MS = 8;

/**
 * Whether two versions of a turn are the same. The texts (a reply may be a
 * megabyte) are compared as strings and left out of the serialised rest:
 * serialising a 1 MB reply twice took 16–45 ms, most of the task that draws
 * its end (bench:chat, "1 MB streamed").
 */
function sameTurn(a: ChatTurn, b: ChatTurn): boolean {
  if (a.text !== b.text) return false;
  if (a.role === 'assistant' && b.role === 'assistant' && a.thinking !== b.thinking) return false;
  return JSON.stringify(withoutTexts(a)) === JSON.stringify(withoutTexts(b));
}

function withoutTexts(turn: ChatTurn): ChatTurn {
  return turn.role === 'assistant' ? { ...turn, text: '', thinking: '' } : { ...turn, text: '' };
}

/**
 * The conversation's turns in a scrolling list. Opening a conversation draws
 * the last screenful at once and the older turns in idle slices above it, so a
 * long conversation shows at once; turns that did not change keep their DOM.
 * The list follows a streaming reply while the user is at the bottom.
 */
export class MessageList {
  readonly element: HTMLElement;
  private conversationId = '';
  private views = new Map<string, TurnView>();
  private order: string[] = [];
  /** Oldest first; drawn lazily above what is shown. */
  private older: ChatTurn[] = [];
  private idleHandle: number | undefined;
  private stickToBottom = true;
  private streaming = false;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly hooks: AssistantTurnHooks,
    private readonly onEdit: (turn: ChatUserTurn) => void,
    private readonly onChange: () => void,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'messages';
    this.element.setAttribute('aria-label', 'Conversation');
    this.element.setAttribute('role', 'region');
    scroller.addEventListener('scroll', () => {
      this.stickToBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    });
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.matches('.md-link')) {
        event.preventDefault();
        this.openLink(event.target);
      }
    });
  }

  get isEmpty(): boolean {
    return this.order.length === 0 && this.older.length === 0;
  }

  /** The user turn Up in an empty input edits. */
  lastUserTurn(): ChatUserTurn | undefined {
    for (let i = this.order.length - 1; i >= 0; i--) {
      const view = this.views.get(this.order[i] ?? '');
      if (view instanceof UserTurnView) return view.data;
    }
    return undefined;
  }

  /** Before the first chatTurns, a chatTurn for the session's conversation still shows. */
  adoptConversation(conversationId: string): void {
    if (this.conversationId === '') this.conversationId = conversationId;
  }

  setStreaming(streaming: boolean): void {
    this.streaming = streaming;
    this.markLatest();
  }

  /** After every drawn frame: keep following the reply if the user was at the bottom. */
  followIfAtBottom(): void {
    if (this.stickToBottom) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  /**
   * Returns whether this switched to another conversation. The new turns'
   * views are all built before anything on screen changes, and a turn that
   * cannot be drawn is shown as text: what was shown is never lost to a
   * conversation that fails halfway.
   */
  replaceAll(conversationId: string, turns: readonly ChatTurn[]): boolean {
    const switched = conversationId !== this.conversationId;
    this.cancelIdle();
    const kept = switched ? new Map<string, TurnView>() : this.views;
    const views = new Map<string, TurnView>();
    // The last screenful first.
    let first = Math.max(0, turns.length - FIRST_BATCH);
    const take = (from: number, to: number): HTMLElement[] => turns.slice(from, to).map((turn) => this.viewFor(turn, kept, views).element);
    const shown = take(first, turns.length);
    this.conversationId = conversationId;
    this.views = views;
    this.element.replaceChildren(...shown);
    this.order = turns.slice(first).map((t) => t.id);
    this.older = [];
    this.stickToBottom = true;
    this.onChange();
    while (first > 0 && this.element.offsetHeight < this.scroller.clientHeight * 1.5) {
      const from = Math.max(0, first - FIRST_BATCH);
      this.element.prepend(...take(from, first));
      this.order = [...turns.slice(from, first).map((t) => t.id), ...this.order];
      first = from;
    }
    this.older = turns.slice(0, first);
    this.markLatest();
    this.followIfAtBottom();
    if (this.older.length > 0) this.scheduleIdle();
    return switched;
  }

  upsert(conversationId: string, turn: ChatTurn): void {
    if (conversationId !== this.conversationId) return;
    const view = this.views.get(turn.id);
    const olderIndex = view ? -1 : this.older.findIndex((t) => t.id === turn.id);
    if (olderIndex >= 0) {
      // Not drawn yet: it will be, as it is now.
      this.older[olderIndex] = turn;
      return;
    }
    if (view) {
      if (!sameTurn(view.data, turn)) this.views.set(turn.id, this.updateView(view, turn));
    } else {
      const created = this.viewFor(turn, new Map(), this.views);
      this.element.append(created.element);
      this.order.push(turn.id);
      // A new turn at the end is where the user looks: follow it.
      this.stickToBottom = true;
    }
    this.markLatest();
    this.onChange();
    this.followIfAtBottom();
  }

  delta(conversationId: string, turnId: string, text: string, thinking: string): void {
    if (conversationId !== this.conversationId) return;
    const view = this.views.get(turnId);
    if (view instanceof AssistantTurnView) view.appendDelta(text, thinking);
  }

  /** The view of `turn` (kept from before when it still fits), registered in `into`. */
  private viewFor(turn: ChatTurn, kept: Map<string, TurnView>, into: Map<string, TurnView>): TurnView {
    const old = kept.get(turn.id);
    let view: TurnView;
    if (old && old.data.role === turn.role && !(old instanceof FallbackTurnView)) {
      if (!sameTurn(old.data, turn)) view = this.updateView(old, turn);
      else view = old;
    } else view = this.createView(turn);
    into.set(turn.id, view);
    return view;
  }

  private createView(turn: ChatTurn): TurnView {
    try {
      return turn.role === 'user' ? new UserTurnView(turn, this.onEdit) : new AssistantTurnView(turn, this.hooks);
    } catch (error) {
      console.error('Hearth: a turn could not be drawn', error);
      return new FallbackTurnView(turn);
    }
  }

  /** Brings `view` up to date; returns the view now showing the turn (another one when it had to be rebuilt). */
  private updateView(view: TurnView, turn: ChatTurn): TurnView {
    try {
      if (view instanceof UserTurnView && turn.role === 'user') {
        view.update(turn);
        return view;
      }
      if (view instanceof AssistantTurnView && turn.role === 'assistant') {
        view.update(turn);
        return view;
      }
    } catch (error) {
      console.error('Hearth: a turn could not be updated', error);
    }
    const replacement = this.createView(turn);
    view.element.replaceWith(replacement.element);
    return replacement;
  }

  private markLatest(): void {
    let latest: string | undefined;
    for (let i = this.order.length - 1; i >= 0 && latest === undefined; i--) {
      const id = this.order[i] ?? '';
      if (this.views.get(id) instanceof AssistantTurnView) latest = id;
    }
    for (const [id, view] of this.views) if (view instanceof AssistantTurnView) view.setLatest(id === latest, this.streaming);
  }

  private scheduleIdle(): void {
    const run = (deadline?: IdleDeadline): void => {
      this.idleHandle = undefined;
      const started = performance.now();
      const budget = Math.min(IDLE_SLICE_MS, deadline ? Math.max(2, deadline.timeRemaining()) : IDLE_SLICE_MS);
      const batch: ChatTurn[] = [];
      while (this.older.length > 0 && performance.now() - started < budget) {
        const turn = this.older.pop() as ChatTurn;
        batch.unshift(turn);
        this.viewFor(turn, new Map(), this.views);
      }
      // Keep what the user sees in place while content grows above it.
      const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
      this.element.prepend(...batch.map((t) => (this.views.get(t.id) as TurnView).element));
      this.order = [...batch.map((t) => t.id), ...this.order];
      if (this.stickToBottom) this.followIfAtBottom();
      else this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
      if (this.older.length > 0) this.scheduleIdle();
      else this.markLatest();
    };
    this.idleHandle = typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 500 }) : window.setTimeout(run, 16);
  }

  private cancelIdle(): void {
    if (this.idleHandle === undefined) return;
    if (typeof cancelIdleCallback === 'function') cancelIdleCallback(this.idleHandle);
    else clearTimeout(this.idleHandle);
    this.idleHandle = undefined;
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : undefined;
    const link = target?.closest('.md-link');
    if (link instanceof HTMLElement) {
      event.preventDefault();
      this.openLink(link);
      return;
    }
    const button = target?.closest('[data-code-action]');
    if (!(button instanceof HTMLElement)) return;
    const frame = button.closest('.code-block');
    const info = frame ? codeOfBlock.get(frame) : undefined;
    const turnId = button.closest('article')?.getAttribute('data-turn-id');
    const action = button.dataset.codeAction;
    if (!info || !info.code.trim() || !turnId || !isCodeAction(action)) return;
    host.postMessage({ type: 'chatCodeAction', action, turnId, code: info.code, language: info.language });
    if (action === 'copy') flashCopied(button);
  }

  private openLink(link: HTMLElement): void {
    const href = linkTarget(link.dataset.href);
    if (href) host.postMessage({ type: 'chatOpenLink', href });
  }
}

function flashCopied(button: HTMLElement): void {
  const glyph = button.querySelector('.codicon');
  if (!glyph) return;
  glyph.className = 'codicon codicon-check';
  button.setAttribute('aria-label', 'Copied');
  setTimeout(() => {
    glyph.className = 'codicon codicon-copy';
    button.setAttribute('aria-label', 'Copy');
  }, 1500);
}

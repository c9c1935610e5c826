import type { ChatAssistantTurn } from '../../src/shared/protocol';
import { el } from '../dom';
import { host } from '../vscodeApi';
import { AgentRunPanel } from './agentRunPanel';
import type { FrameQueue } from './frameQueue';
import type { CodeHighlighter } from './markdown/codeHighlighter';
import { icon } from './icon';
import { plainElement } from './markdown/blockElement';
import { trimText } from './sessionText';
import { MarkdownView } from './markdown/markdownView';
import { turnHead } from './turnHead';

export interface AssistantTurnHooks {
  readonly frames: FrameQueue;
  readonly highlighter: CodeHighlighter;
  readonly announce: (text: string) => void;
}

/** What a screen reader hears when a block of the reply settles: prose as text, code by its kind. */
function spoken(block: HTMLElement): string {
  const code = block.querySelector('.code-block');
  if (code && block.firstElementChild === code) return code.getAttribute('aria-label') ?? 'Code block';
  return block.textContent ?? '';
}

/**
 * One reply. The markdown and the thinking grow by deltas and are drawn once
 * per frame; a turn that is no longer streaming is drawn at once, settled.
 */
export class AssistantTurnView {
  readonly element: HTMLElement;
  private markdown: MarkdownView;
  /** Streamed while this view existed: its code is highlighted ahead of older turns'. */
  private live = false;
  private readonly thinking: HTMLDetailsElement;
  private readonly thinkingLabel: HTMLElement;
  private readonly thinkingText = document.createTextNode('');
  private readonly status: HTMLElement;
  private readonly foot: HTMLElement;
  private readonly trimNote: HTMLElement;
  /** Agent mode: the run's cards, approvals and summary, above its final answer. */
  private agentPanel: AgentRunPanel | undefined;
  private latest = false;
  private busy = false;
  /** Rendering the markdown threw: the text is shown plain from then on. */
  private failed = false;
  private readonly draw = (): void => this.renderNow();

  constructor(
    private turn: ChatAssistantTurn,
    private readonly hooks: AssistantTurnHooks,
  ) {
    this.markdown = new MarkdownView(hooks.highlighter);
    this.element = el('article', { class: 'turn turn-assistant', 'data-turn-id': turn.id, 'aria-labelledby': `turn-${turn.id}-who` });
    this.thinkingLabel = el('span', {}, 'Thinking');
    this.thinking = el(
      'details',
      { class: 'thinking', 'data-testid': 'thinking' },
      el('summary', {}, icon('lightbulb'), this.thinkingLabel),
      el('div', { class: 'thinking-text' }, this.thinkingText),
    );
    this.status = el('div', { class: 'turn-status' });
    this.foot = el('div', { class: 'turn-foot' });
    this.trimNote = el('p', { class: 'note trim-note', role: 'note', 'data-testid': 'turn-trim' });
    this.element.append(turnHead(turn.id, 'Hearth', 'sparkle', turn.model), this.trimNote, this.thinking, this.markdown.element, this.status, this.foot);
    this.apply(turn, true);
  }

  get data(): ChatAssistantTurn {
    return this.turn;
  }

  update(turn: ChatAssistantTurn): void {
    this.apply(turn, false);
  }

  /** Text that arrived for this streaming turn; drawn at the next frame. */
  appendDelta(text: string, thinking: string): void {
    if (text) this.markdown.append(text);
    if (thinking) this.thinkingText.appendData(thinking);
    this.turn = { ...this.turn, text: this.turn.text + text, thinking: this.turn.thinking + thinking };
    this.showThinking();
    this.hooks.frames.schedule(this.draw);
  }

  /** Only the last reply offers Regenerate, and not while something streams. */
  setLatest(latest: boolean, busy: boolean): void {
    if (latest === this.latest && busy === this.busy) return;
    this.latest = latest;
    this.busy = busy;
    this.drawFoot();
  }

  private apply(turn: ChatAssistantTurn, first: boolean): void {
    const previous = this.turn;
    this.turn = turn;
    if (turn.text.startsWith(this.markdown.text) && !first) this.markdown.append(turn.text.slice(this.markdown.text.length));
    else if (first) this.markdown.append(turn.text);
    else {
      const fresh = new MarkdownView(this.hooks.highlighter);
      fresh.append(turn.text);
      this.markdown.element.replaceWith(fresh.element);
      this.markdown = fresh;
      this.failed = false;
    }
    if (turn.thinking.startsWith(this.thinkingText.data)) this.thinkingText.appendData(turn.thinking.slice(this.thinkingText.data.length));
    else this.thinkingText.data = turn.thinking;
    this.showThinking();
    this.drawTrim();
    this.drawAgent();
    const streaming = turn.status === 'streaming';
    if (streaming) this.live = true;
    this.element.setAttribute('aria-busy', String(streaming));
    if (streaming) this.hooks.frames.schedule(this.draw);
    else {
      this.hooks.frames.cancel(this.draw);
      this.hooks.frames.now(this.draw);
      if (!first && previous.status === 'streaming') this.hooks.announce(turn.status === 'done' ? 'Answer complete.' : turn.status === 'stopped' ? 'Stopped.' : '');
    }
    this.drawStatus();
    this.drawFoot();
  }

  private renderNow(): void {
    const streaming = this.turn.status === 'streaming';
    if (!this.failed) {
      try {
        const { settled, more } = this.markdown.render(!streaming, this.live);
        if (streaming) for (const block of settled) this.hooks.announce(spoken(block));
        // A long reply is drawn over several frames; the page answers input in between.
        if (more) this.hooks.frames.schedule(this.draw);
      } catch (error) {
        // Whatever failed, the reply's text stays on screen, from then on as plain text.
        console.error('Hearth: rendering a reply failed', error);
        this.failed = true;
      }
    }
    if (this.failed) this.markdown.element.replaceChildren(plainElement(this.turn.text, 'This answer could not be formatted; it is shown as plain text.'));
    this.drawStatus();
  }

  /** What the request behind this answer left out or cut to fit the window, said where the answer is. */
  private drawTrim(): void {
    const trim = this.turn.trim;
    this.trimNote.hidden = trim === undefined;
    if (trim) this.trimNote.replaceChildren(icon('info'), el('span', {}, trimText(trim)));
  }

  private drawAgent(): void {
    const run = this.turn.agent;
    if (!run) return;
    if (!this.agentPanel) {
      this.agentPanel = new AgentRunPanel(this.turn.id);
      this.markdown.element.before(this.agentPanel.element);
    }
    this.agentPanel.update(run, this.turn.status === 'streaming');
  }

  private showThinking(): void {
    this.thinking.hidden = this.turn.thinking.length === 0;
    const thinkingNow = this.turn.status === 'streaming' && this.turn.text.length === 0;
    this.thinkingLabel.textContent = thinkingNow ? 'Thinking…' : 'Thinking';
  }

  private drawStatus(): void {
    const turn = this.turn;
    const status = this.status;
    status.className = `turn-status status-${turn.status}`;
    switch (turn.status) {
      case 'streaming':
        if (turn.text.length > 0 || turn.thinking.length > 0) status.replaceChildren();
        else if (status.childElementCount === 0) status.replaceChildren(icon('loading', true), el('span', {}, 'Working…'));
        return;
      case 'done':
        status.replaceChildren();
        return;
      case 'stopped':
        status.replaceChildren(icon('debug-stop'), el('span', { 'data-testid': 'turn-stopped' }, 'Stopped — the answer above is partial.'));
        return;
      case 'interrupted':
        status.replaceChildren(icon('warning'), el('span', {}, 'Interrupted — this answer was cut off (the window closed or reloaded).'));
        return;
      case 'error': {
        const actions = el('div', { class: 'actions' });
        for (const action of turn.error?.actions ?? []) {
          const button = el('button', { type: 'button', class: action.id === 'retryTurn' ? '' : 'secondary', 'data-action': action.id }, action.label);
          button.addEventListener('click', () =>
            host.postMessage(action.id === 'retryTurn' ? { type: 'chatRegenerate', turnId: turn.id } : { type: 'runAction', action: action.id }),
          );
          actions.append(button);
        }
        status.replaceChildren(
          el('div', { class: 'turn-error', role: 'alert', 'data-testid': 'turn-error' }, icon('error'), el('span', {}, turn.error?.message ?? 'The answer failed.')),
          actions,
        );
        return;
      }
      default: {
        const unreachable: never = turn.status;
        return unreachable;
      }
    }
  }

  private drawFoot(): void {
    const turn = this.turn;
    const parts: (HTMLElement | string)[] = [];
    if (turn.stats && turn.status !== 'streaming') {
      const facts = [`${turn.stats.evalTokens.toLocaleString('en-US')} tokens`];
      if (turn.stats.tokensPerSecond !== undefined) facts.push(`${turn.stats.tokensPerSecond.toFixed(1)} tokens/s`);
      facts.push(`${(turn.stats.totalMs / 1000).toFixed(1)} s`);
      parts.push(el('span', { class: 'turn-stats muted' }, facts.join(' · ')));
    }
    if (this.latest && !this.busy && turn.status !== 'streaming') {
      const regenerate = el('button', { type: 'button', class: 'icon-button text-button', 'data-testid': 'regenerate', title: 'Regenerate this answer' }, icon('refresh'), el('span', {}, 'Regenerate'));
      regenerate.addEventListener('click', () => host.postMessage({ type: 'chatRegenerate', turnId: turn.id }));
      parts.push(regenerate);
    }
    if (turn.status !== 'streaming') {
      // Opens the request behind this answer in the Inspector (what the model was sent, byte for byte).
      const inspect = el('button', { type: 'button', class: 'icon-button text-button', 'data-testid': 'inspect', title: 'Inspect the request behind this answer' }, icon('search'), el('span', {}, 'Inspect'));
      inspect.addEventListener('click', () => host.postMessage({ type: 'inspectTurn', turnId: turn.id }));
      parts.push(inspect);
    }
    this.foot.replaceChildren(...parts);
    this.foot.hidden = parts.length === 0;
  }
}

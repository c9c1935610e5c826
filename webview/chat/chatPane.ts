import type { HostToWebview } from '../../src/shared/protocol';
import { el } from '../dom';

export type ChatMessage = Exclude<HostToWebview, { type: 'state' } | { type: 'showTab' }>;

/** The Chat tab. */
export class ChatPane {
  constructor(private readonly pane: HTMLElement) {
    pane.append(el('p', { class: 'muted' }, 'Loading the chat…'));
  }

  receive(message: ChatMessage): void {
    void message;
    void this.pane;
  }
}

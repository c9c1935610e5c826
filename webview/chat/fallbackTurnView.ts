import type { ChatTurn } from '../../src/shared/protocol';
import { el } from '../dom';
import { plainElement } from './markdown/blockElement';
import { turnHead } from './turnHead';

/**
 * A turn whose view could not be built: its text, plain, with a note. One turn
 * that breaks the view never takes the conversation with it; the next update
 * of the turn tries the real view again.
 */
export class FallbackTurnView {
  readonly element: HTMLElement;

  constructor(private turn: ChatTurn) {
    this.element = el('article', { class: `turn turn-${turn.role}`, 'data-turn-id': turn.id, 'aria-labelledby': `turn-${turn.id}-who` });
    this.draw();
  }

  get data(): ChatTurn {
    return this.turn;
  }

  update(turn: ChatTurn): void {
    this.turn = turn;
    this.draw();
  }

  private draw(): void {
    const turn = this.turn;
    this.element.replaceChildren(
      turnHead(turn.id, turn.role === 'user' ? 'You' : 'Hearth', turn.role === 'user' ? 'account' : 'sparkle'),
      plainElement(turn.text, 'This message could not be shown as usual; here is its text.'),
    );
  }
}

import type { ChatUserTurn, ContextChip } from '../../src/shared/protocol';
import { el } from '../dom';
import { icon, iconButton } from './icon';
import { turnHead } from './turnHead';

export function chipIcon(chip: ContextChip): 'list-selection' | 'eye' | 'file' {
  return chip.kind === 'selection' ? 'list-selection' : chip.kind === 'visible' ? 'eye' : 'file';
}

/** What the user sent: plain text (never markdown-parsed) and the labels of what was attached. */
export class UserTurnView {
  readonly element: HTMLElement;

  constructor(
    private turn: ChatUserTurn,
    private readonly onEdit: (turn: ChatUserTurn) => void,
  ) {
    this.element = el('article', { class: 'turn turn-user', 'data-turn-id': turn.id, 'aria-labelledby': `turn-${turn.id}-who` });
    this.draw();
  }

  get data(): ChatUserTurn {
    return this.turn;
  }

  update(turn: ChatUserTurn): void {
    this.turn = turn;
    this.draw();
  }

  private draw(): void {
    const turn = this.turn;
    const edit = iconButton('edit', 'Edit and resend', { 'data-testid': 'edit-turn', class: 'icon-button turn-tool' });
    edit.addEventListener('click', () => this.onEdit(this.turn));
    const head = turnHead(turn.id, 'You', 'account');
    head.append(el('span', { class: 'turn-tools' }, edit));
    const chips =
      turn.context.length > 0
        ? el(
            'ul',
            { class: 'turn-chips', 'aria-label': 'Attached' },
            ...turn.context.map((chip) => el('li', { class: 'chip static', title: chip.path }, icon(chipIcon(chip)), el('span', { class: 'chip-label' }, chip.label))),
          )
        : undefined;
    this.element.replaceChildren(head, el('div', { class: 'user-text' }, turn.text), ...(chips ? [chips] : []));
  }
}

import type { Codicon } from './codicons';
import { el } from '../dom';
import { icon } from './icon';

/** A turn's heading row: who is speaking; the heading names the article for screen readers. */
export function turnHead(turnId: string, who: string, avatar: Codicon, detail?: string): HTMLElement {
  return el(
    'div',
    { class: 'turn-head' },
    el('span', { class: 'avatar', 'aria-hidden': 'true' }, icon(avatar)),
    el('h3', { class: 'turn-who', id: `turn-${turnId}-who` }, who),
    detail ? el('span', { class: 'turn-detail muted' }, detail) : undefined,
  );
}

import { el } from '../dom';

/**
 * A button with a stable `data-key`: the Status tab is re-rendered whole, and
 * the key lets keyboard focus return to the same control afterwards. An
 * `ariaLabel` must start with the visible label (WCAG "label in name").
 */
export function button(label: string, cls: string, key: string, onClick: () => void, ariaLabel?: string): HTMLButtonElement {
  const b = el('button', { type: 'button', 'data-key': key, ...(cls ? { class: cls } : {}), ...(ariaLabel ? { 'aria-label': ariaLabel } : {}) }, label);
  b.addEventListener('click', onClick);
  return b;
}

import type { Codicon } from './codicons';

/** A decorative codicon; the control it sits in carries the accessible name. */
export function icon(name: Codicon, spin = false): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = `codicon codicon-${name}${spin ? ' codicon-modifier-spin' : ''}`;
  span.setAttribute('aria-hidden', 'true');
  return span;
}

/** A toolbar button showing only an icon, named for screen readers and with a tooltip. */
export function iconButton(name: Codicon, label: string, attrs: Record<string, string> = {}): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'icon-button';
  button.title = label;
  button.setAttribute('aria-label', label);
  for (const [key, value] of Object.entries(attrs)) button.setAttribute(key, value);
  button.append(icon(name));
  return button;
}

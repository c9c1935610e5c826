/**
 * A polite live region, visually hidden: screen readers hear a reply block by
 * block as it settles (not token by token), and how it ended.
 */
export class Announcer {
  readonly element: HTMLElement;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'sr-only';
    this.element.setAttribute('role', 'status');
    this.element.setAttribute('aria-live', 'polite');
    this.element.dataset.testid = 'chat-announcer';
  }

  say(text: string): void {
    const line = text.trim().replace(/\s+/g, ' ');
    if (!line) return;
    const p = document.createElement('p');
    p.textContent = line.length > 400 ? `${line.slice(0, 400)}…` : line;
    this.element.append(p);
    // Only additions are read; old lines can go.
    while (this.element.childElementCount > 6) this.element.firstElementChild?.remove();
  }
}

import type { ViewTab } from '../src/shared/protocol';
import { el } from './dom';
import { host, remember } from './vscodeApi';

const LABELS: Record<ViewTab, string> = { chat: 'Chat', status: 'Status' };

/**
 * The view's two tabs, as an ARIA tablist: arrow keys move between tabs, the
 * choice survives the webview's reloads.
 */
export class Tabs {
  readonly bar: HTMLElement;
  private readonly buttons = new Map<ViewTab, HTMLButtonElement>();
  private current: ViewTab;

  constructor(private readonly panes: Record<ViewTab, HTMLElement>) {
    this.bar = el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Hearth' });
    for (const tab of Object.keys(LABELS) as ViewTab[]) {
      const button = el('button', { type: 'button', role: 'tab', id: `tab-${tab}`, 'aria-controls': `pane-${tab}`, 'data-tab': tab }, LABELS[tab]);
      button.addEventListener('click', () => this.show(tab));
      button.addEventListener('keydown', (event) => this.onKey(event, tab));
      this.buttons.set(tab, button);
      this.bar.append(button);
      const pane = panes[tab];
      pane.id = `pane-${tab}`;
      pane.setAttribute('role', 'tabpanel');
      pane.setAttribute('aria-labelledby', `tab-${tab}`);
    }
    this.current = host.getState()?.tab ?? 'chat';
    this.show(this.current);
  }

  show(tab: ViewTab): void {
    this.current = tab;
    for (const [name, button] of this.buttons) {
      const selected = name === tab;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      this.panes[name].hidden = !selected;
    }
    remember({ tab });
  }

  private onKey(event: KeyboardEvent, tab: ViewTab): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const order = Object.keys(LABELS) as ViewTab[];
    const next = order[(order.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : order.length - 1)) % order.length] ?? tab;
    this.show(next);
    this.buttons.get(next)?.focus();
    event.preventDefault();
  }
}

import type { ConnectionSummary } from '../../src/shared/protocol';
import { el } from '../dom';
import { host } from '../vscodeApi';

export function connectionSection(connection: ConnectionSummary): HTMLElement {
  const section = el('section', { class: 'connection', 'aria-label': 'Connection to Ollama' });
  switch (connection.status) {
    case 'connecting':
      section.append(el('p', { 'data-testid': 'connection-status', class: 'status connecting' }, `Connecting to Ollama at ${connection.host}…`));
      return section;
    case 'connected':
      section.append(
        el('p', { 'data-testid': 'connection-status', class: 'status connected' }, el('span', { class: 'dot', 'aria-hidden': 'true' }), `Connected to Ollama ${connection.version}`),
        el('p', { class: 'muted host' }, connection.host),
      );
      return section;
    case 'down': {
      section.append(
        el('p', { 'data-testid': 'connection-status', class: 'status down', role: 'alert' }, el('span', { class: 'dot', 'aria-hidden': 'true' }), 'Ollama is not reachable'),
        el('p', { class: 'message' }, connection.message),
      );
      const buttons = el('div', { class: 'actions' });
      for (const action of connection.actions) {
        const button = el('button', { type: 'button', 'data-action': action.id }, action.label);
        button.addEventListener('click', () => host.postMessage(action.id === 'retry' ? { type: 'retry' } : { type: 'runAction', action: action.id }));
        buttons.append(button);
      }
      section.append(buttons);
      return section;
    }
    default: {
      const unreachable: never = connection;
      return unreachable;
    }
  }
}

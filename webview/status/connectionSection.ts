import type { ConnectionSummary } from '../../src/shared/statusTab';
import { el } from '../dom';
import { host } from '../vscodeApi';
import { button } from './button';

/**
 * One line on the connection. When the setup steps are shown they carry the
 * way out, so the down state is only the headline here (`withActions` false).
 */
export function connectionSection(connection: ConnectionSummary, withActions: boolean): HTMLElement {
  const section = el('section', { class: 'connection', 'aria-label': 'Connection to Ollama' });
  switch (connection.status) {
    case 'connecting':
      section.append(el('p', { 'data-testid': 'connection-status', class: 'status connecting' }, `Connecting to Ollama at ${connection.host}…`));
      return section;
    case 'connected': {
      // Another engine names itself in `version` ("vLLM 0.11.0") and lists what it cannot report.
      const other = connection.notReported !== undefined;
      section.append(
        el('p', { 'data-testid': 'connection-status', class: 'status connected' }, el('span', { class: 'dot', 'aria-hidden': 'true' }), other ? `Connected to ${connection.version} (OpenAI-compatible)` : `Connected to Ollama ${connection.version}`),
        el('p', { class: 'muted host' }, connection.host),
      );
      if (other) {
        const list = el('ul', { class: 'muted', 'data-testid': 'engine-not-reported' });
        for (const item of connection.notReported ?? []) list.append(el('li', {}, item));
        section.append(el('p', { class: 'muted' }, 'This engine does not report:'), list);
      }
      return section;
    }
    case 'down': {
      section.append(el('p', { 'data-testid': 'connection-status', class: 'status down' }, el('span', { class: 'dot', 'aria-hidden': 'true' }), 'Ollama is not reachable'));
      if (!withActions) return section;
      section.append(el('p', { class: 'message' }, connection.message));
      const buttons = el('div', { class: 'actions' });
      for (const action of connection.actions) {
        buttons.append(button(action.label, '', `connection:${action.id}`, () => host.postMessage({ type: 'runAction', action: action.id })));
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

import type { ChatSession, ChatSetupHint } from '../../src/shared/protocol';
import { el } from '../dom';
import { host } from '../vscodeApi';
import { icon } from './icon';

/** The way out of a setup problem: the host's actions, and the Status tab with the details. */
export function setupHint(setup: ChatSetupHint, openStatus: () => void): HTMLElement {
  const actions = el('div', { class: 'actions' });
  for (const action of setup.actions) {
    const button = el('button', { type: 'button', 'data-action': action.id }, action.label);
    button.addEventListener('click', () => host.postMessage({ type: 'runAction', action: action.id }));
    actions.append(button);
  }
  const status = el('button', { type: 'button', class: 'secondary', 'data-testid': 'open-setup' }, 'Open setup');
  status.addEventListener('click', openStatus);
  actions.append(status);
  return el(
    'div',
    { class: `setup-hint setup-${setup.reason}`, role: 'alert', 'data-testid': 'chat-setup' },
    el('p', { class: 'setup-message' }, icon(setup.reason === 'connecting' ? 'loading' : 'warning', setup.reason === 'connecting'), el('span', {}, setup.message)),
    actions,
  );
}

/** What an empty conversation says: what to do, or what to fix first. */
export function emptyState(session: ChatSession | undefined, openStatus: () => void): HTMLElement {
  const model = session?.model ? el('strong', {}, session.model) : 'your chat model';
  return el(
    'div',
    { class: 'empty-state', 'data-testid': 'chat-empty' },
    el('span', { class: 'empty-icon', 'aria-hidden': 'true' }, icon('comment-discussion')),
    el('h2', { class: 'empty-title' }, 'Ask Hearth about your code'),
    el('p', { class: 'muted' }, 'Answers come from ', model, ' on your own machine; nothing leaves it.'),
    session?.setup ? setupHint(session.setup, openStatus) : undefined,
    el(
      'ul',
      { class: 'empty-tips muted' },
      el('li', {}, 'Select code in the editor: it is attached to your message.'),
      el('li', {}, 'Type ', el('kbd', {}, '@'), ' or use the paperclip to attach a file.'),
      el('li', {}, el('kbd', {}, 'Enter'), ' sends, ', el('kbd', {}, 'Shift+Enter'), ' starts a new line, ', el('kbd', {}, '↑'), ' edits your last message.'),
    ),
  );
}

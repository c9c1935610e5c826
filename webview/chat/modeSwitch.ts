import type { AgentAvailability } from '../../src/shared/agentView';
import type { ChatSession } from '../../src/shared/protocol';
import { el } from '../dom';
import { host } from '../vscodeApi';
import { icon } from './icon';

/**
 * Ask | Agent beside the chat input. Ask is the default; Agent is offered
 * only when the host says it is available (trusted folder, a model with the
 * `tools` capability). When it is not, the Agent button stays visible but
 * explains why instead of switching, with the models that would work.
 */
export class ModeSwitch {
  readonly element: HTMLElement;
  /** Why Agent mode is unavailable, shown when the user asks for it. */
  readonly note: HTMLElement;
  private readonly ask: HTMLButtonElement;
  private readonly agent: HTMLButtonElement;
  private availability: AgentAvailability = { available: true };

  constructor(private readonly onMode: (agent: boolean) => void) {
    this.ask = el('button', { type: 'button', class: 'mode-button', 'aria-pressed': 'true', 'data-testid': 'mode-ask', title: 'Ask: answers only, nothing is changed' }, 'Ask');
    this.agent = el('button', { type: 'button', class: 'mode-button', 'aria-pressed': 'false', 'data-testid': 'mode-agent', title: 'Agent: reads, edits and runs in this folder, with your approval' }, icon('robot'), 'Agent');
    this.ask.addEventListener('click', () => host.postMessage({ type: 'chatSetMode', mode: 'ask' }));
    this.agent.addEventListener('click', () => {
      if (this.availability.available) host.postMessage({ type: 'chatSetMode', mode: 'agent' });
      else this.note.hidden = !this.note.hidden;
    });
    this.element = el('div', { class: 'mode-switch', role: 'group', 'aria-label': 'Chat mode' }, this.ask, this.agent);
    this.note = el('div', { class: 'note agent-unavailable', role: 'note', 'data-testid': 'agent-unavailable' });
    this.note.hidden = true;
  }

  setSession(session: ChatSession): void {
    const agentOn = session.mode === 'agent';
    this.availability = session.agent;
    this.ask.setAttribute('aria-pressed', String(!agentOn));
    this.agent.setAttribute('aria-pressed', String(agentOn));
    this.ask.disabled = session.streaming;
    this.agent.disabled = session.streaming;
    this.agent.setAttribute('aria-disabled', String(!session.agent.available));
    this.agent.title = session.agent.available ? 'Agent: reads, edits and runs in this folder, with your approval' : session.agent.message;
    this.drawNote(session.agent);
    if (session.agent.available) this.note.hidden = true;
    this.onMode(agentOn);
  }

  private drawNote(availability: AgentAvailability): void {
    if (availability.available) {
      this.note.replaceChildren();
      return;
    }
    const offers = availability.offers.map((offer) => {
      if (!offer.installed) return el('li', {}, el('span', {}, `${offer.name} (${offer.size})`));
      const use = el('button', { type: 'button', class: 'secondary', 'data-testid': 'agent-use-model' }, `Use ${offer.name} (${offer.size})`);
      use.addEventListener('click', () => host.postMessage({ type: 'chatSetModel', model: offer.name }));
      return el('li', {}, use);
    });
    const pull = availability.offers.some((o) => !o.installed) ? el('button', { type: 'button', class: 'secondary', 'data-testid': 'agent-pull-model' }, 'Pull a model') : undefined;
    pull?.addEventListener('click', () => host.postMessage({ type: 'runAction', action: 'pullModel' }));
    const trust = availability.reason === 'untrusted' ? el('button', { type: 'button', class: 'secondary' }, 'Manage Workspace Trust') : undefined;
    trust?.addEventListener('click', () => host.postMessage({ type: 'manageTrust' }));
    const parts: Node[] = [icon('info'), el('span', { 'data-testid': 'agent-unavailable-text' }, availability.message)];
    if (offers.length > 0) parts.push(el('ul', { class: 'agent-offers' }, ...offers));
    const action = pull ?? trust;
    if (action) parts.push(action);
    this.note.replaceChildren(...parts);
  }
}

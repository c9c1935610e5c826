import type { HostToWebview, PanelState } from '../src/shared/protocol';
import { completionSection } from './completionSection';
import { connectionSection } from './connectionSection';
import { instructionsSection } from './instructionsSection';
import { modelsSection } from './modelsSection';
import { host } from './vscodeApi';

const app = document.getElementById('app');

function render(state: PanelState): void {
  if (!app) return;
  app.replaceChildren(connectionSection(state.connection), instructionsSection(state.instructions), completionSection(state), modelsSection(state));
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'state':
      render(message.state);
      return;
    default: {
      const unreachable: never = message.type;
      console.warn('Hearth: unknown message', unreachable);
    }
  }
});

host.postMessage({ type: 'ready' });

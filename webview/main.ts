import type { HostToWebview } from '../src/shared/protocol';
import { ChatPane } from './chat/chatPane';
import { warmLexerWhenIdle } from './chat/markdown/warmLexer';
import { el } from './dom';
import { renderStatus } from './status/statusPane';
import { Tabs } from './tabs';
import { host } from './vscodeApi';

const app = document.getElementById('app');
if (!app) throw new Error('Hearth: #app is missing');
const chatPane = el('div', { class: 'pane pane-chat' });
const statusPane = el('div', { class: 'pane pane-status' });
const tabs = new Tabs({ chat: chatPane, status: statusPane });
app.replaceChildren(tabs.bar, chatPane, statusPane);
const chat = new ChatPane(chatPane, { openStatus: () => tabs.show('status') });
// While the view waits for its first reply, not while it draws one.
warmLexerWhenIdle();

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'state':
      renderStatus(statusPane, message.state);
      return;
    case 'showTab':
      tabs.show(message.tab);
      return;
    case 'chatSession':
    case 'chatTurns':
    case 'chatTurn':
    case 'chatDelta':
    case 'chatCompose':
      chat.receive(message);
      return;
    default: {
      const unreachable: never = message;
      console.warn('Hearth: unknown message', unreachable);
    }
  }
});

host.postMessage({ type: 'ready' });

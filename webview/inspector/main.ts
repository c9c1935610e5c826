import type { HostToInspector } from '../../src/shared/protocol';
import { el } from '../dom';
import { inspectorHost } from './inspectorApi';
import { drawDetail } from './inspectorDetail';
import { drawList } from './inspectorList';

// The Inspector page: the list of requests beside one in detail. Everything
// arrives formatted from the host; this page only draws it, as text.

const app = document.getElementById('app');
if (app) {
  const clear = el('button', { type: 'button', class: 'clear', title: 'Forget every recorded request' }, 'Clear');
  clear.addEventListener('click', () => inspectorHost.postMessage({ type: 'inspectorClear' }));
  const list = el('nav', { class: 'inspector-list', 'aria-label': 'Recorded requests' });
  const detail = el('section', { class: 'inspector-detail', 'aria-live': 'polite' });
  const side = el('div', { class: 'inspector-side' }, el('div', { class: 'side-head' }, el('h1', {}, 'Requests'), clear), list);
  app.replaceChildren(el('div', { class: 'inspector' }, side, detail));

  window.addEventListener('message', (event: MessageEvent<HostToInspector>) => {
    const message = event.data;
    switch (message.type) {
      case 'inspectorList':
        drawList(list, message.entries, message.selected);
        break;
      case 'inspectorDetail':
        drawDetail(detail, message.detail);
        break;
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  });
  inspectorHost.postMessage({ type: 'inspectorReady' });
}

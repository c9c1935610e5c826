import type { InspectorSummary } from '../../src/shared/protocol';
import { el } from '../dom';
import { inspectorHost } from './inspectorApi';

/** The requests, newest first; a click (or Enter) shows one in detail. */
export function drawList(target: HTMLElement, entries: readonly InspectorSummary[], selected: number | undefined): void {
  if (entries.length === 0) {
    target.replaceChildren(el('p', { class: 'muted empty' }, 'No requests yet. Completions, chat answers, agent steps, warm-ups and probes appear here as they are sent.'));
    return;
  }
  const list = el('ul', { class: 'entries', role: 'listbox', 'aria-label': 'Requests' });
  for (const entry of entries) {
    const isSelected = entry.id === selected;
    const button = el(
      'button',
      { type: 'button', class: `entry${isSelected ? ' selected' : ''}`, 'data-id': String(entry.id), 'data-kind': entry.kind, 'aria-selected': String(isSelected) },
      el('span', { class: 'entry-head' }, el('span', { class: 'kind' }, entry.kind), el('span', { class: 'muted' }, new Date(entry.time).toLocaleTimeString())),
      el('span', { class: 'entry-model' }, `${entry.model} · ${entry.endpoint}`),
      el('span', { class: 'entry-status muted' }, entry.status),
    );
    button.addEventListener('click', () => inspectorHost.postMessage({ type: 'inspectorEntry', action: 'select', id: entry.id }));
    list.append(el('li', {}, button));
  }
  target.replaceChildren(list);
}

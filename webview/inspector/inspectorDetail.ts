import type { InspectorDetail, InspectorSection } from '../../src/shared/protocol';
import { el } from '../dom';
import { drawMarkedText } from './chunkedText';
import type { DrawJob } from './chunkedText';
import { inspectorHost } from './inspectorApi';

let job: DrawJob = { cancelled: false };

/** One request in full: what was sent, what came back, and the two ways to replay it. */
export function drawDetail(target: HTMLElement, detail: InspectorDetail | undefined): void {
  job.cancelled = true;
  job = { cancelled: false };
  if (detail === undefined) {
    target.replaceChildren(el('p', { class: 'muted empty' }, 'Pick a request on the left.'));
    return;
  }
  const { summary } = detail;
  const copy = el('button', { type: 'button', 'data-testid': 'copy-curl' }, 'Copy as curl');
  copy.addEventListener('click', () => inspectorHost.postMessage({ type: 'inspectorEntry', action: 'copyCurl', id: summary.id }));
  const save = el('button', { type: 'button', 'data-testid': 'save-json' }, 'Save as JSON…');
  save.addEventListener('click', () => inspectorHost.postMessage({ type: 'inspectorEntry', action: 'saveJson', id: summary.id }));
  const head = el('header', { class: 'detail-head' }, el('h2', {}, `${summary.kind} · ${summary.model}`), el('span', { class: 'detail-actions' }, copy, save));
  const notes = detail.notes.map((note) => el('p', { class: 'note', role: 'note' }, note));
  const facts = el('dl', { class: 'facts' });
  for (const fact of detail.facts) facts.append(el('dt', {}, fact.label), el('dd', {}, fact.value));
  target.replaceChildren(head, ...notes, facts, ...detail.sections.map(drawSection));
  target.scrollTop = 0;
}

function drawSection(section: InspectorSection): HTMLElement {
  const pre = el('pre', { class: `text text-${section.style}` });
  drawMarkedText(pre, section.text, section.style === 'prompt' ? (section.marks ?? []) : [], job);
  const size = section.text.length > 200 ? ` (${section.text.length.toLocaleString('en-US')} characters)` : '';
  return el('details', { class: 'section', open: '' }, el('summary', {}, section.title, el('span', { class: 'muted' }, size)), pre);
}

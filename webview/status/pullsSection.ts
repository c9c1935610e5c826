import type { PullSummary } from '../../src/shared/statusTab';
import { el } from '../dom';
import { host } from '../vscodeApi';
import { button } from './button';

/**
 * Downloads in progress (and recent failures), wherever they were started;
 * Cancel closes the download. `shownElsewhere`: models whose progress the
 * setup steps already show in place of their Pull button.
 */
export function pullsSection(all: readonly PullSummary[], shownElsewhere: ReadonlySet<string>): HTMLElement | undefined {
  const pulls = all.filter((p) => !(p.status === 'running' && shownElsewhere.has(p.model)));
  if (pulls.length === 0) return undefined;
  const section = el('section', { class: 'pulls', 'aria-labelledby': 'pulls-heading', 'data-testid': 'pulls' });
  section.append(el('div', { class: 'section-head' }, el('h2', { id: 'pulls-heading' }, 'Downloads')));
  const list = el('ul', { class: 'model-list' });
  for (const pull of pulls) list.append(pull.status === 'running' ? running(pull) : failed(pull));
  section.append(list);
  return section;
}

function running(pull: PullSummary): HTMLLIElement {
  return el(
    'li',
    { 'data-pull': pull.model, 'data-state': 'running' },
    el('div', { class: 'choice-head' }, el('span', { class: 'model-name' }, pull.model), el('span', { class: 'muted', 'data-testid': 'pull-percent' }, `${pull.percent}%`)),
    pullProgress(pull),
  );
}

/** A pull's bar, the daemon's current step and its Cancel button. */
export function pullProgress(pull: PullSummary): HTMLElement {
  const label = `Pulling ${pull.model}${pull.role ? ` for ${pull.role}` : ''}`;
  return el(
    'div',
    { class: 'pull-progress', 'data-testid': 'pull-progress', 'data-pull': pull.model },
    el('progress', { max: '100', value: String(pull.percent), 'aria-label': label, 'aria-valuetext': `${pull.percent}%` }),
    el('div', { class: 'muted model-details', 'data-testid': 'pull-message' }, pull.message),
    el('div', { class: 'actions' }, button('Cancel', 'secondary small', `pull:${pull.role ?? ''}:${pull.model}`, () => host.postMessage({ type: 'cancelPull', model: pull.model }), `Cancel pulling ${pull.model}`)),
  );
}

function failed(pull: PullSummary): HTMLLIElement {
  const again = button('Try again', 'secondary small', `pull:${pull.role ?? ''}:${pull.model}`, () =>
    host.postMessage(pull.role ? { type: 'pullForRole', role: pull.role, model: pull.model } : { type: 'runAction', action: 'pullModel' }),
    `Try again: pull ${pull.model}`,
  );
  return el(
    'li',
    { 'data-pull': pull.model, 'data-state': 'failed' },
    el('div', { class: 'model-name' }, pull.model),
    el('p', { class: 'message error' }, pull.message),
    el('div', { class: 'actions' }, again),
  );
}

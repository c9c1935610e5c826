import type { CompletionModelStats, StatusTabState } from '../../src/shared/statusTab';
import { el } from '../dom';

/** Inline completion figures per model: latency percentiles, shown and accepted suggestions. */
export function completionSection(state: StatusTabState): HTMLElement {
  const section = el('section', { class: 'completions', 'aria-labelledby': 'completions-heading', 'data-testid': 'completion-stats' });
  section.append(el('div', { class: 'section-head' }, el('h2', { id: 'completions-heading' }, 'Inline completions')));
  const stats = state.completionStats ?? [];
  if (!state.completionsEnabled) section.append(el('p', { class: 'muted' }, 'Turned off (hearth.completion.enabled).'));
  if (stats.length === 0) {
    section.append(el('p', { class: 'muted', 'data-testid': 'completion-stats-empty' }, 'No completions yet in this window.'));
    return section;
  }
  const list = el('ul', { class: 'model-list completion-stats' });
  for (const s of stats) list.append(statsItem(s));
  section.append(list);
  return section;
}

function statsItem(s: CompletionModelStats): HTMLLIElement {
  const latency =
    s.latencyP50Ms !== undefined && s.latencyP95Ms !== undefined
      ? `p50 ${s.latencyP50Ms} ms · p95 ${s.latencyP95Ms} ms · ${s.requests} request${s.requests === 1 ? '' : 's'}`
      : 'no answered request yet';
  const rate = s.shown > 0 ? ` (${Math.round((100 * s.accepted) / s.shown)}%)` : '';
  return el(
    'li',
    { 'data-completion-model': s.model },
    el('div', { class: 'model-name' }, s.model),
    el('div', { class: 'muted model-details', 'data-testid': 'completion-latency' }, latency),
    el('div', { class: 'muted model-details', 'data-testid': 'completion-acceptance' }, `${s.shown} shown · ${s.accepted} accepted${rate}`),
  );
}

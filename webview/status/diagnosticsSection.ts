import type { DiagnosticLine, DiagnosticStatus, DiagnosticsSummary } from '../../src/shared/statusTab';
import { el } from '../dom';
import { host } from '../vscodeApi';
import { button } from './button';
import { inlineCode } from './inlineCode';

const MARK: Record<DiagnosticStatus, string> = { pass: '✓', warn: '!', fail: '✕', skip: '–' };
const SPOKEN: Record<DiagnosticStatus, string> = { pass: 'passed', warn: 'warning', fail: 'failed', skip: 'skipped' };

/**
 * The diagnostics report in the view: problems first with their fix, the
 * passed and skipped checks folded away; copyable as Markdown for a bug report.
 */
export function diagnosticsSection(diagnostics: DiagnosticsSummary | undefined): HTMLElement {
  const section = el('section', { class: 'diagnostics', 'aria-labelledby': 'diagnostics-heading', 'data-testid': 'diagnostics' });
  const running = diagnostics?.status === 'running';
  const head = running
    ? button('Cancel', 'secondary small', 'diagnostics:run', () => host.postMessage({ type: 'diagnostics', action: 'cancel' }), 'Cancel diagnostics')
    : button(diagnostics ? 'Run again' : 'Run', 'secondary small', 'diagnostics:run', () => host.postMessage({ type: 'diagnostics', action: 'run' }), diagnostics ? 'Run again: diagnostics' : 'Run diagnostics');
  section.append(el('div', { class: 'section-head' }, el('h2', { id: 'diagnostics-heading' }, 'Diagnostics'), head));
  if (!diagnostics) {
    section.append(el('p', { class: 'muted' }, 'Checks the daemon, the models, the context size, GPU memory, latency and the instructions, each with a fix.'));
    return section;
  }
  switch (diagnostics.status) {
    case 'running':
      section.append(el('p', { class: 'muted', 'data-testid': 'diagnostics-step' }, `Running: ${diagnostics.step}…`));
      return section;
    case 'failed':
      section.append(el('p', { class: 'message error' }, `Diagnostics could not finish: ${diagnostics.message}`));
      return section;
    case 'done':
      break;
    default: {
      const unreachable: never = diagnostics;
      return unreachable;
    }
  }
  const time = new Date(diagnostics.ranAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  section.append(el('p', { class: 'muted', 'data-testid': 'diagnostics-summary' }, `${diagnostics.summary} · ${time}`));
  const problems = diagnostics.checks.filter((c) => c.status === 'fail' || c.status === 'warn');
  const rest = diagnostics.checks.filter((c) => c.status === 'pass' || c.status === 'skip');
  if (problems.length > 0) section.append(checkList(problems, 'diagnostics-problems'));
  if (rest.length > 0) {
    const details = el('details', { class: 'diagnostics-rest', 'data-key': 'diagnostics:rest' }, el('summary', {}, `${rest.length} passed or skipped`), checkList(rest, 'diagnostics-rest'));
    section.append(details);
  }
  section.append(
    el(
      'div',
      { class: 'actions' },
      button('Copy as Markdown', 'secondary small', 'diagnostics:copy', () => host.postMessage({ type: 'diagnostics', action: 'copy' }), 'Copy as Markdown: the report, for a bug report'),
      button('Open as document', 'secondary small', 'diagnostics:open', () => host.postMessage({ type: 'diagnostics', action: 'open' })),
    ),
  );
  return section;
}

function checkList(checks: readonly DiagnosticLine[], testid: string): HTMLUListElement {
  const list = el('ul', { class: 'checks', 'data-testid': testid });
  for (const c of checks) {
    list.append(
      el(
        'li',
        { class: `check ${c.status}`, 'data-check': c.id },
        el('div', { class: 'check-title' }, el('span', { class: 'mark', 'aria-hidden': 'true' }, MARK[c.status]), ...inlineCode(c.title), el('span', { class: 'sr-only' }, ` (${SPOKEN[c.status]})`)),
        el('div', { class: 'check-detail' }, ...inlineCode(c.detail)),
        c.fix && c.status !== 'pass' ? el('div', { class: 'check-fix' }, el('strong', {}, 'Fix: '), ...inlineCode(c.fix)) : undefined,
      ),
    );
  }
  return list;
}

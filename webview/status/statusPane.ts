import type { StatusTabState } from '../../src/shared/statusTab';
import { el } from '../dom';
import { completionSection } from './completionSection';
import { connectionSection } from './connectionSection';
import { diagnosticsSection } from './diagnosticsSection';
import { instructionsSection } from './instructionsSection';
import { modelsSection } from './modelsSection';
import { pullsSection } from './pullsSection';
import { setupSection } from './setupSection';
import { announcement } from './statusAnnouncer';

interface PaneParts {
  readonly content: HTMLElement;
  readonly live: HTMLElement;
  previous?: StatusTabState;
}

const parts = new WeakMap<HTMLElement, PaneParts>();

/**
 * The Status tab: connection, the setup steps while they are needed, downloads,
 * models, diagnostics, instructions, completion figures. Re-rendered whole (it
 * is small); keyboard focus and open <details> are carried over by `data-key`,
 * and changes are announced through one live region that is never replaced.
 */
export function renderStatus(pane: HTMLElement, state: StatusTabState): void {
  let p = parts.get(pane);
  if (!p) {
    p = { content: el('div', { class: 'status-content' }), live: el('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite' }) };
    parts.set(pane, p);
    pane.replaceChildren(p.content, p.live);
  }
  const kept = keepUiState(p.content);
  const setup = setupSection(state);
  const inSetup = new Set(setup ? state.setup.roles.flatMap((r) => r.pulls.map((c) => c.name)) : []);
  p.content.replaceChildren(
    ...[
      connectionSection(state.connection, setup === undefined),
      setup,
      pullsSection(state.pulls, inSetup),
      modelsSection(state),
      diagnosticsSection(state.diagnostics),
      instructionsSection(state.instructions),
      completionSection(state),
    ].filter((s): s is HTMLElement => s !== undefined),
  );
  kept.restore(p.content);
  const said = announcement(p.previous, state);
  if (said) p.live.textContent = said;
  p.previous = state;
}

/** Focus and open <details>, keyed by `data-key`, read before a re-render and put back after. */
function keepUiState(root: HTMLElement): { restore(root: HTMLElement): void } {
  const active = document.activeElement;
  const focusKey = active instanceof HTMLElement && root.contains(active) ? active.dataset.key : undefined;
  const open = new Set([...root.querySelectorAll<HTMLDetailsElement>('details[data-key]')].filter((d) => d.open).map((d) => d.dataset.key));
  return {
    restore(next) {
      for (const d of next.querySelectorAll<HTMLDetailsElement>('details[data-key]')) if (open.has(d.dataset.key)) d.open = true;
      if (focusKey === undefined) return;
      // The first enabled control with the key: a Pull button becomes the download's Cancel.
      const target = [...next.querySelectorAll<HTMLElement>('[data-key]')].find(
        (n) => n.dataset.key === focusKey && !(n instanceof HTMLButtonElement && n.disabled),
      );
      target?.focus();
    },
  };
}

import type { PanelState } from '../../src/shared/protocol';
import { completionSection } from './completionSection';
import { connectionSection } from './connectionSection';
import { instructionsSection } from './instructionsSection';
import { modelsSection } from './modelsSection';

/** The Status tab: connection, instructions, completion figures, models. Re-rendered whole: it is small. */
export function renderStatus(pane: HTMLElement, state: PanelState): void {
  pane.replaceChildren(connectionSection(state.connection), instructionsSection(state.instructions), completionSection(state), modelsSection(state));
}

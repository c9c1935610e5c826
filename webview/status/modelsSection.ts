import type { ModelRole, ModelSummary, PanelState } from '../../src/shared/protocol';
import { el, formatBytes } from '../dom';
import { host } from '../vscodeApi';

export function modelsSection(state: PanelState): HTMLElement {
  const section = el('section', { class: 'models', 'aria-labelledby': 'models-heading' });
  const refresh = el('button', { type: 'button', class: 'secondary', 'aria-label': 'Refresh models', 'data-testid': 'refresh-models' }, 'Refresh');
  refresh.addEventListener('click', () => host.postMessage({ type: 'refreshModels' }));
  section.append(el('div', { class: 'section-head' }, el('h2', { id: 'models-heading' }, 'Models'), state.connection.status === 'connected' ? refresh : undefined));
  if (state.connection.status !== 'connected') {
    section.append(el('p', { class: 'muted' }, 'The model list appears once Ollama is reachable.'));
    return section;
  }
  if (state.modelsMessage) section.append(el('p', { class: 'message', 'data-testid': 'models-message' }, state.modelsMessage));
  const list = el('ul', { 'data-testid': 'model-list', class: 'model-list' });
  for (const model of state.models) list.append(modelItem(model, state));
  section.append(list);
  return section;
}

function modelItem(model: ModelSummary, state: PanelState): HTMLLIElement {
  const roles: string[] = [];
  if (model.name === state.completionModel) roles.push('completion');
  if (model.name === state.chatModel) roles.push('chat');
  const details = [model.parameterSize, model.quantization, model.family, formatBytes(model.sizeBytes)].filter(Boolean).join(' · ');
  const badges = el('span', { class: 'badges' });
  for (const cap of model.capabilities) badges.append(el('span', { class: `badge cap-${cap}` }, cap));
  if (!model.capabilities.includes('insert') && model.fim) badges.append(el('span', { class: 'badge cap-insert', title: 'Fill-in-the-middle through a raw template' }, 'fim (raw)'));
  const item = el(
    'li',
    { 'data-model': model.name, class: roles.length ? 'in-use' : '' },
    el('div', { class: 'model-name' }, model.name, ...roles.map((r) => el('span', { class: `role role-${r}` }, r))),
    el('div', { class: 'muted model-details' }, details),
    badges,
  );
  const actions = el('div', { class: 'actions' });
  if (model.fim && model.name !== state.completionModel) actions.append(roleButton(model.name, 'completion'));
  if (model.capabilities.includes('completion') && !model.capabilities.includes('embedding') && model.name !== state.chatModel) {
    actions.append(roleButton(model.name, 'chat'));
  }
  if (actions.childElementCount > 0) item.append(actions);
  return item;
}

function roleButton(model: string, role: ModelRole): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'secondary small', 'aria-label': `Use ${model} for ${role}` }, `Use for ${role}`);
  button.addEventListener('click', () => host.postMessage({ type: 'setModel', role, model }));
  return button;
}

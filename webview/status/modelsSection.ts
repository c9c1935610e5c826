import type { LoadedModelSummary, ModelRole, ModelSummary, StatusTabState } from '../../src/shared/statusTab';
import { describeCpuShare, formatSizeShort } from '../../src/shared/formatSize';
import { el } from '../dom';
import { host } from '../vscodeApi';
import { button } from './button';

export function modelsSection(state: StatusTabState): HTMLElement {
  const section = el('section', { class: 'models', 'aria-labelledby': 'models-heading' });
  const connected = state.connection.status === 'connected';
  const head = el('div', { class: 'section-head' }, el('h2', { id: 'models-heading' }, 'Models'));
  if (connected) {
    const refresh = button('Refresh', 'secondary small', 'models:refresh', () => host.postMessage({ type: 'refreshModels' }), 'Refresh models');
    refresh.setAttribute('data-testid', 'refresh-models');
    const pull = button('Pull…', 'secondary small', 'models:pull', () => host.postMessage({ type: 'runAction', action: 'pullModel' }), 'Pull… a model by name');
    head.append(el('div', { class: 'head-actions' }, pull, refresh));
  }
  section.append(head);
  if (!connected) {
    section.append(el('p', { class: 'muted' }, 'The model list appears once Ollama is reachable.'));
    return section;
  }
  if (state.modelsMessage) section.append(el('p', { class: 'message', 'data-testid': 'models-message' }, state.modelsMessage));
  const list = el('ul', { 'data-testid': 'model-list', class: 'model-list' });
  // Loaded models first: they are what the GPU holds now.
  const ordered = [...state.models].sort((a, b) => Number(b.loaded !== undefined) - Number(a.loaded !== undefined));
  for (const model of ordered) list.append(modelItem(model, state));
  section.append(list);
  return section;
}

function modelItem(model: ModelSummary, state: StatusTabState): HTMLLIElement {
  const roles: ModelRole[] = [];
  if (model.name === state.completionModel) roles.push('completion');
  if (model.name === state.chatModel) roles.push('chat');
  const details = [model.parameterSize, model.quantization, model.family, formatSizeShort(model.sizeBytes)].filter(Boolean).join(' · ');
  const badges = el('span', { class: 'badges', 'aria-label': 'Capabilities' });
  for (const cap of model.capabilities) badges.append(el('span', { class: `badge cap cap-${cap}` }, cap));
  if (!model.capabilities.includes('insert') && model.fim) badges.append(el('span', { class: 'badge cap cap-insert', title: 'Fill-in-the-middle through a raw template' }, 'fim (raw)'));
  const item = el(
    'li',
    { 'data-model': model.name, class: roles.length ? 'in-use' : '' },
    el('div', { class: 'model-name' }, model.name, ...roles.map((r) => el('span', { class: `role role-${r}` }, `${r} model`))),
    el('div', { class: 'muted model-details' }, details),
    model.loaded ? loadedLine(model.loaded) : undefined,
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

/** "Loaded · all in GPU memory" or "Loaded · 40% on the CPU (2.4 GB of 6.1 GB in system memory)": a model partly on the CPU is several times slower. */
function loadedLine(loaded: LoadedModelSummary): HTMLElement {
  const parts: string[] = [];
  const onCpu = describeCpuShare(loaded.sizeBytes, loaded.vramBytes, formatSizeShort);
  const partial = onCpu !== undefined;
  parts.push(onCpu ?? 'all in GPU memory');
  if (loaded.contextLength !== undefined) parts.push(`context ${loaded.contextLength}`);
  if (loaded.expiresAt) parts.push(`until ${new Date(loaded.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`);
  return el(
    'div',
    { class: `loaded${partial ? ' partial' : ''}`, 'data-testid': 'model-loaded', 'data-gpu': partial ? 'partial' : 'full' },
    el('span', { class: 'dot', 'aria-hidden': 'true' }),
    `Loaded · ${parts.join(' · ')}`,
  );
}

function roleButton(model: string, role: ModelRole): HTMLButtonElement {
  return button(`Use for ${role}`, 'secondary small', `use:${role}:${model}`, () => host.postMessage({ type: 'setModel', role, model }), `Use for ${role}: ${model}`);
}

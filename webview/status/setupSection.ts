import type { StatusTabState, PullChoice, PullSummary, SetupRoleSummary, SetupSummary } from '../../src/shared/statusTab';
import { formatSizeShort } from '../../src/shared/formatSize';
import { el } from '../dom';
import { host } from '../vscodeApi';
import { button } from './button';
import { pullProgress } from './pullsSection';
import { inlineCode } from './inlineCode';

const ROLE_TITLE: Record<SetupRoleSummary['role'], string> = { completion: 'Completion model', chat: 'Chat model' };

/**
 * The guided setup: start Ollama, then a model per role. Shown while a step
 * waits for the user; each step says what is wrong and offers the way out.
 */
export function setupSection(state: StatusTabState): HTMLElement | undefined {
  const setup = state.setup;
  if (!setup.needed) return undefined;
  const section = el('section', { class: 'setup', 'aria-labelledby': 'setup-heading', 'data-testid': 'setup' });
  const walkthrough = button('Walkthrough', 'secondary small', 'open-walkthrough', () => host.postMessage({ type: 'setupAction', action: 'openWalkthrough' }), 'Walkthrough: open Get started with Hearth');
  section.append(el('div', { class: 'section-head' }, el('h2', { id: 'setup-heading' }, 'Set up Hearth'), walkthrough));
  const steps = el('ol', { class: 'setup-steps' });
  steps.append(daemonStep(state));
  if (setup.daemon === 'ready') {
    setup.roles.forEach((role, i) => steps.append(roleStep(i + 2, role, state.pulls)));
  } else {
    (['completion', 'chat'] as const).forEach((role, i) => steps.append(waitingStep(i + 2, ROLE_TITLE[role])));
  }
  section.append(steps);
  return section;
}

function daemonStep(state: StatusTabState): HTMLLIElement {
  const setup = state.setup;
  if (setup.daemon === 'ready') {
    const version = state.connection.status === 'connected' ? ` ${state.connection.version}` : '';
    return step(1, 'done', 'Start Ollama', 'setup-step-daemon', el('p', { class: 'muted' }, `Ollama${version} is running.`));
  }
  const retry = button('Retry', '', 'retry', () => host.postMessage({ type: 'runAction', action: 'retry' }), 'Retry the connection to Ollama now');
  retry.setAttribute('data-testid', 'setup-retry');
  const settings = button('Host setting', 'secondary', 'open-settings', () => host.postMessage({ type: 'runAction', action: 'openSettings' }), "Host setting: open Hearth's settings (hearth.ollama.host)");
  const again = el('p', { class: 'muted' }, 'Hearth checks again by itself every few seconds; no reload needed.');
  if (!setup.notRunning) {
    // Something answers, or the address is wrong: installing Ollama would not help; the failure says what does.
    const message = state.connection.status === 'down' ? state.connection.message : 'Ollama does not answer.';
    return step(1, 'todo', 'Connect to Ollama', 'setup-step-daemon', el('p', { class: 'message' }, message), again, el('div', { class: 'actions' }, retry, settings));
  }
  const download = button('Download Ollama', 'secondary', 'download-ollama', () => host.postMessage({ type: 'setupAction', action: 'openDownloadPage' }), 'Download Ollama (opens ollama.com/download in the browser)');
  return step(
    1,
    'todo',
    'Start Ollama',
    'setup-step-daemon',
    el('p', {}, `Nothing answers at ${state.connection.host}. To start Ollama on ${setup.platform}:`),
    instructions(setup),
    again,
    el('div', { class: 'actions' }, retry, download, settings),
  );
}

function instructions(setup: SetupSummary): HTMLElement {
  const list = el('ul', { class: 'setup-instructions', 'data-testid': 'start-instructions', 'aria-label': `How to start Ollama on ${setup.platform}` });
  for (const line of setup.startSteps) {
    list.append(el('li', {}, el('span', {}, line.text), line.command ? el('code', { class: 'command' }, line.command) : undefined));
  }
  return list;
}

function waitingStep(number: number, title: string): HTMLLIElement {
  return step(number, 'waiting', title, undefined, el('p', { class: 'muted' }, 'Once Ollama runs.'));
}

function roleStep(number: number, role: SetupRoleSummary, pulls: readonly PullSummary[]): HTMLLIElement {
  const testid = `setup-step-${role.role}`;
  const title = ROLE_TITLE[role.role];
  if (role.status === 'ready' || role.status === 'off') return step(number, 'done', title, testid, el('p', { class: 'muted' }, ...inlineCode(role.message)));
  const body: Node[] = [el('p', { class: 'message' }, ...inlineCode(role.message))];
  if (role.alternatives.length > 0) {
    const uses = el('div', { class: 'actions' });
    for (const name of role.alternatives) {
      uses.append(button(`Use ${name}`, 'secondary small', `use:${role.role}:${name}`, () => host.postMessage({ type: 'setModel', role: role.role, model: name }), `Use ${name} for ${role.role}`));
    }
    body.push(el('p', { class: 'muted' }, 'Installed and suitable:'), uses);
  }
  if (role.pulls.length > 0) {
    const list = el('ul', { class: 'pull-choices', 'aria-label': `Models to download for ${role.role}` });
    for (const choice of role.pulls) list.append(pullChoice(role, choice, pulls));
    body.push(el('p', { class: 'muted' }, role.alternatives.length > 0 ? 'Or download one:' : 'Download one (it goes into Ollama):'), list);
  }
  return step(number, 'todo', title, testid, ...body);
}

function pullChoice(role: SetupRoleSummary, choice: PullChoice, pulls: readonly PullSummary[]): HTMLLIElement {
  const running = pulls.find((p) => p.status === 'running' && p.model === choice.name);
  const facts = [choice.sizeBytes !== undefined ? `${formatSizeShort(choice.sizeBytes)} download` : undefined, choice.fits].filter(Boolean).join(' · ');
  const item = el('li', { 'data-pull-choice': choice.name });
  if (running) {
    // The download replaces its Pull button, where the user's eyes (and focus) are.
    item.append(el('div', { class: 'choice-head' }, el('span', { class: 'model-name' }, choice.name), el('span', { class: 'muted', 'data-testid': 'pull-percent' }, `${running.percent}%`)), pullProgress(running));
    return item;
  }
  const pull = button('Pull', 'small', `pull:${role.role}:${choice.name}`, () => host.postMessage({ type: 'pullForRole', role: role.role, model: choice.name }),
    `Pull ${choice.name}${facts ? ` (${facts})` : ''} and use it for ${role.role}`);
  item.append(el('div', { class: 'choice-head' }, el('span', { class: 'model-name' }, choice.name), pull));
  if (facts) item.append(el('div', { class: 'muted model-details' }, facts));
  item.append(el('div', { class: 'muted model-details' }, choice.note));
  return item;
}

type StepState = 'done' | 'todo' | 'waiting';
const SPOKEN: Record<StepState, string> = { done: 'done', todo: 'to do', waiting: 'waiting' };

function step(number: number, state: StepState, title: string, testid: string | undefined, ...body: (Node | undefined)[]): HTMLLIElement {
  return el(
    'li',
    { class: `setup-step ${state}`, ...(testid ? { 'data-testid': testid } : {}), 'data-state': state },
    el('h3', {}, el('span', { class: 'mark', 'aria-hidden': 'true' }, state === 'done' ? '✓' : String(number)), title, el('span', { class: 'sr-only' }, ` (${SPOKEN[state]})`)),
    ...body.filter((n): n is Node => n !== undefined),
  );
}

import type { InstructionFileSummary, InstructionsSummary } from '../../src/shared/statusTab';
import { formatSizeShort } from '../../src/shared/formatSize';
import { el } from '../dom';
import { host } from '../vscodeApi';

export function instructionsSection(summary: InstructionsSummary): HTMLElement {
  const section = el('section', { class: 'instructions', 'aria-labelledby': 'instructions-heading', 'data-testid': 'instructions' });
  const show = el('button', { type: 'button', class: 'secondary small', 'data-testid': 'show-instructions' }, 'Show text');
  show.addEventListener('click', () => host.postMessage({ type: 'showEffectiveInstructions' }));
  section.append(el('div', { class: 'section-head' }, el('h2', { id: 'instructions-heading' }, 'Instructions in effect'), summary.status === 'ready' && summary.files.length > 0 ? show : undefined));
  switch (summary.status) {
    case 'disabled':
      section.append(el('p', { class: 'muted', 'data-testid': 'instructions-status' }, 'Repository instructions are turned off (hearth.instructions.enabled).'));
      return section;
    case 'noFolder':
      section.append(el('p', { class: 'muted', 'data-testid': 'instructions-status' }, 'Open a folder to use its AGENTS.md files.'));
      return section;
    case 'untrusted': {
      const trust = el('button', { type: 'button', 'data-testid': 'manage-trust' }, 'Trust this folder…');
      trust.addEventListener('click', () => host.postMessage({ type: 'manageTrust' }));
      section.append(
        el('p', { class: 'message', role: 'status', 'data-testid': 'instructions-status' }, 'This workspace is not trusted, so its AGENTS.md files are not applied. Repository text could steer the model.'),
        el('div', { class: 'actions' }, trust),
      );
      return section;
    }
    case 'ready':
      break;
    default: {
      const unreachable: never = summary;
      return unreachable;
    }
  }
  const target = summary.forFile ? summary.forFile : `${summary.folder} (root)`;
  section.append(el('p', { class: 'muted for-file', 'data-testid': 'instructions-for' }, `For ${target}`));
  if (summary.files.length === 0) {
    const create = el('button', { type: 'button', class: 'secondary small', 'data-testid': 'create-agents-md' }, 'Create AGENTS.md');
    create.addEventListener('click', () => host.postMessage({ type: 'createAgentsMd' }));
    section.append(el('p', { class: 'muted', 'data-testid': 'instructions-status' }, 'No AGENTS.md applies here.'), el('div', { class: 'actions' }, create));
    return section;
  }
  const list = el('ol', { class: 'instruction-files', 'data-testid': 'instruction-files' });
  summary.files.forEach((file, index) => list.append(fileItem(file, index === summary.files.length - 1)));
  section.append(list);
  const footer = [`≈${summary.tokens} tokens in the system message`];
  if (summary.trimNote) footer.push(`budget: ${summary.trimNote} (the root end first)`);
  section.append(el('p', { class: summary.trimNote ? 'message' : 'muted', 'data-testid': 'instructions-footer' }, footer.join(' · ')));
  return section;
}

function fileItem(file: InstructionFileSummary, nearest: boolean): HTMLLIElement {
  const open = el('button', { type: 'button', class: 'link', 'data-path': file.path, title: `Open ${file.path}` }, file.path);
  open.addEventListener('click', () => host.postMessage({ type: 'openInstructionFile', path: file.path }));
  const facts = [formatSizeShort(file.bytes), `≈${file.tokens} tokens`];
  if (file.trimmed) facts.push(file.keptBytes === 0 ? 'dropped (budget)' : `trimmed to ${formatSizeShort(file.keptBytes)}`);
  if (file.empty) facts.push('empty');
  if (file.refused) facts.push('not text: ignored');
  return el(
    'li',
    { 'data-instruction-file': file.path, class: file.trimmed || file.refused ? 'trimmed' : '' },
    open,
    nearest ? el('span', { class: 'role' }, 'nearest') : undefined,
    el('div', { class: 'muted model-details' }, facts.join(' · ')),
  );
}

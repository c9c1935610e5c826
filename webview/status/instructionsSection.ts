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
    case 'outsideWorkspace':
      section.append(
        el('p', { class: 'muted for-file', 'data-testid': 'instructions-for' }, `For ${summary.file}`),
        el('p', { class: 'muted', 'data-testid': 'instructions-status' }, 'This file is not inside a workspace folder, so no repository instructions apply to it.'),
      );
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
  const warnings = summary.warnings ?? [];
  if (summary.files.length === 0) {
    const create = el('button', { type: 'button', class: 'secondary small', 'data-testid': 'create-agents-md' }, 'Create AGENTS.md');
    create.addEventListener('click', () => host.postMessage({ type: 'createAgentsMd' }));
    section.append(el('p', { class: 'muted', 'data-testid': 'instructions-status' }, 'No AGENTS.md applies here.'), el('div', { class: 'actions' }, create));
    if (warnings.length > 0) section.append(warningList(warnings));
    return section;
  }
  const list = el('ol', { class: 'instruction-files', 'data-testid': 'instruction-files' });
  summary.files.forEach((file, index) => list.append(fileItem(file, index === summary.files.length - 1)));
  section.append(list);
  const footer = [`≈${summary.tokens} tokens in the system message`];
  if (summary.trimNote) footer.push(`budget: ${summary.trimNote} (the root end first)`);
  section.append(el('p', { class: summary.trimNote ? 'message' : 'muted', 'data-testid': 'instructions-footer' }, footer.join(' · ')));
  if (warnings.length > 0) section.append(warningList(warnings));
  return section;
}

/** What was left out and why: a link out of the folder, a FIFO, a refused import. Repository text, so text nodes only. */
function warningList(warnings: readonly string[]): HTMLElement {
  const list = el('ul', { class: 'instruction-warnings', 'aria-label': 'Not used' });
  for (const warning of warnings) list.append(el('li', { class: 'message' }, warning));
  return el('div', { 'data-testid': 'instructions-warnings' }, el('p', { class: 'muted' }, 'Not used:'), list);
}

function fileItem(file: InstructionFileSummary, nearest: boolean): HTMLLIElement {
  const open = el('button', { type: 'button', class: 'link', 'data-path': file.path, title: `Open ${file.path}` }, file.path);
  open.addEventListener('click', () => host.postMessage({ type: 'openInstructionFile', path: file.path }));
  // A refused file was never read: it has no size or text to speak of.
  const facts = file.refused ? ['not used (see below)'] : [formatSizeShort(file.bytes), `≈${file.tokens} tokens`];
  if (file.trimmed && !file.refused) facts.push(file.keptBytes === 0 ? 'dropped (budget)' : `trimmed to ${formatSizeShort(file.keptBytes)}`);
  if (file.empty && !file.refused) facts.push('empty');
  return el(
    'li',
    { 'data-instruction-file': file.path, class: file.trimmed || file.refused ? 'trimmed' : '' },
    open,
    nearest ? el('span', { class: 'role' }, 'nearest') : undefined,
    el('div', { class: 'muted model-details' }, facts.join(' · ')),
  );
}

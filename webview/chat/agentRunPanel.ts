import type { AgentApprovalView, AgentRunView, AgentStepView } from '../../src/shared/agentView';
import { el } from '../dom';
import { host } from '../vscodeApi';
import { icon } from './icon';
import type { Codicon } from './codicons';

const STATE_ICONS: Record<AgentStepView['state'], Codicon> = { running: 'loading', ok: 'pass', error: 'error', rejected: 'circle-slash', skipped: 'circle-slash' };
const STATE_WORDS: Record<AgentStepView['state'], string> = { running: 'running', ok: 'done', error: 'failed', rejected: 'rejected', skipped: 'not run again' };

/**
 * An agent run under its answer: one collapsible card per step (tool,
 * arguments, result excerpt, time), the run's notes (trims, repairs, loop
 * stops), the step waiting for approval with the exact change or command
 * line, and at the end the changed files (each opens as a diff) with Undo.
 * Every string from the model, a tool or the repository lands in text
 * nodes only. Cards are updated in place, so one the user opened stays open.
 */
export class AgentRunPanel {
  readonly element: HTMLElement;
  private readonly steps = el('div', { class: 'agent-steps', 'data-testid': 'agent-steps' });
  private readonly notes = el('ul', { class: 'agent-notes', 'data-testid': 'agent-notes' });
  private readonly approval = el('section', { class: 'agent-approval', 'data-testid': 'agent-approval', 'aria-label': 'Approval needed' });
  private readonly summary = el('section', { class: 'agent-summary', 'data-testid': 'agent-summary', 'aria-label': 'Files changed by this run' });
  private readonly cards = new Map<number, HTMLDetailsElement>();
  private shownApproval = '';

  constructor(private readonly turnId: string) {
    this.element = el('div', { class: 'agent-run', 'data-testid': 'agent-run' }, this.steps, this.notes, this.approval, this.summary);
  }

  update(view: AgentRunView, running: boolean): void {
    // The last model step of an answered run is the answer itself, drawn below as Markdown.
    const answerStep = view.outcome === 'answered' ? view.steps.at(-1) : undefined;
    // A tool step's request is the model step that called it: the last one before it.
    let request = 0;
    for (const step of view.steps) {
      if (step.kind === 'model') request = step.id;
      this.drawStep(step, step === answerStep && step.kind === 'model', request);
    }
    this.notes.hidden = view.notes.length === 0;
    this.notes.replaceChildren(...view.notes.map((n) => el('li', { class: `agent-note note-${n.kind}`, 'data-kind': n.kind }, icon(n.kind === 'loop' || n.kind === 'budget' ? 'warning' : 'info'), el('span', {}, n.text))));
    this.drawApproval(view.pending);
    this.drawSummary(view, running);
  }

  private drawStep(step: AgentStepView, isAnswer: boolean, request: number): void {
    // A model step without text (it only called tools) says nothing worth a card.
    if (isAnswer || (step.kind === 'model' && step.result.trim() === '' && step.state !== 'running')) {
      this.cards.get(step.id)?.remove();
      this.cards.delete(step.id);
      return;
    }
    let card = this.cards.get(step.id);
    if (!card) {
      card = el('details', { class: 'agent-step', 'data-testid': 'agent-step', 'data-kind': step.kind, 'data-step-id': String(step.id) });
      this.cards.set(step.id, card);
      this.steps.append(card);
    }
    card.dataset.state = step.state;
    card.dataset.tool = step.tool;
    const seconds = step.endedAt !== undefined ? `${((step.endedAt - step.startedAt) / 1000).toFixed(1)} s` : '';
    const approval = step.approval === 'approved' || step.approval === 'remembered' ? ' · approved' : step.approval === 'auto' && (step.tool === 'edit_file' || step.tool === 'create_file') ? ' · auto-approved' : '';
    const summary = el(
      'summary',
      {},
      icon(STATE_ICONS[step.state], step.state === 'running'),
      el('span', { class: 'agent-step-tool' }, step.kind === 'model' ? 'Model' : step.tool),
      el('span', { class: 'agent-step-args muted' }, step.kind === 'tool' ? shortArgs(step.args) : ''),
      el('span', { class: 'agent-step-meta muted' }, `${STATE_WORDS[step.state]}${approval}${seconds ? ` · ${seconds}` : ''}`),
    );
    const body = el(
      'div',
      { class: 'agent-step-body' },
      step.kind === 'tool' ? el('pre', { class: 'agent-args', 'aria-label': 'Arguments' }, step.args) : undefined,
      step.result !== '' ? el('pre', { class: step.tool === 'run_command' ? 'agent-result terminal' : 'agent-result', 'data-testid': 'agent-step-result' }, step.result) : undefined,
    );
    if (request > 0 && step.state !== 'running') {
      // What the model was sent for this step, byte for byte, in the Inspector.
      const inspect = el('button', { type: 'button', class: 'icon-button text-button', 'data-testid': 'agent-step-inspect', title: 'Inspect the request to the model behind this step' }, icon('search'), el('span', {}, 'Inspect request'));
      inspect.addEventListener('click', () => host.postMessage({ type: 'inspectTurn', turnId: this.turnId, step: request }));
      body.append(inspect);
    }
    card.replaceChildren(summary, body);
  }

  private drawApproval(pending: AgentApprovalView | undefined): void {
    const key = pending ? JSON.stringify(pending) : '';
    if (key === this.shownApproval) return;
    this.shownApproval = key;
    this.approval.hidden = pending === undefined;
    if (!pending) {
      this.approval.replaceChildren();
      return;
    }
    const decide = (decision: 'approve' | 'approveAlways' | 'reject', label: string, testid: string, secondary = false): HTMLButtonElement => {
      const button = el('button', { type: 'button', class: secondary ? 'secondary' : '', 'data-testid': testid }, label);
      button.addEventListener('click', () => host.postMessage({ type: 'chatAgentDecide', turnId: this.turnId, stepId: pending.stepId, decision }));
      return button;
    };
    if (pending.kind === 'command') {
      this.approval.replaceChildren(
        el('h4', {}, icon('terminal'), el('span', {}, 'Run this command in the workspace folder?')),
        el('pre', { class: 'agent-command', 'data-testid': 'agent-approval-command' }, pending.line),
        el('p', { class: 'muted' }, pending.shell ? 'Runs in a shell (/bin/sh -c) exactly as shown.' : 'Runs without a shell: the words above are the program and its arguments.'),
        el('div', { class: 'actions' }, decide('approve', 'Run', 'agent-approve'), decide('approveAlways', 'Allow this exact command for this conversation', 'agent-approve-always', true), decide('reject', 'Reject', 'agent-reject', true)),
      );
    } else {
      const diff = el('button', { type: 'button', class: 'secondary', 'data-testid': 'agent-open-diff' }, icon('git-compare'), el('span', {}, 'Open diff'));
      diff.addEventListener('click', () => host.postMessage({ type: 'chatAgentDiff', turnId: this.turnId, stepId: pending.stepId, path: pending.path }));
      const old = el('pre', { class: 'agent-diff-old', 'data-testid': 'agent-approval-old', 'aria-label': 'Removed lines' }, pending.oldText);
      old.hidden = pending.created;
      this.approval.replaceChildren(
        el('h4', {}, icon(pending.created ? 'new-file' : 'edit'), el('span', {}, `${pending.created ? 'Create' : 'Edit'} ${pending.path}?`)),
        old,
        el('pre', { class: 'agent-diff-new', 'data-testid': 'agent-approval-new', 'aria-label': pending.created ? 'Content' : 'Added lines' }, pending.newText),
        el('div', { class: 'actions' }, decide('approve', 'Approve', 'agent-approve'), decide('reject', 'Reject', 'agent-reject', true), diff),
      );
    }
  }

  private drawSummary(view: AgentRunView, running: boolean): void {
    this.summary.hidden = running || view.changes.length === 0;
    if (this.summary.hidden) return;
    const files = view.changes.map((change) => {
      const open = el('button', { type: 'button', class: 'link-button', 'data-testid': 'agent-change', title: `Open the diff of ${change.path}` }, icon(change.created ? 'new-file' : 'edit'), el('span', {}, change.path), el('span', { class: 'muted' }, change.created ? ' (created)' : ' (changed)'));
      open.addEventListener('click', () => host.postMessage({ type: 'chatAgentDiff', turnId: this.turnId, stepId: 0, path: change.path }));
      return el('li', {}, open);
    });
    const undo = view.undo
      ? el('p', { class: 'muted', 'data-testid': 'agent-undone' }, icon('discard'), el('span', {}, view.undo.problems.length === 0 ? 'Undone: every file is back as the run found it.' : `Undone, except: ${view.undo.problems.join(' ')}`))
      : el('button', { type: 'button', class: 'secondary', 'data-testid': 'agent-undo' }, icon('discard'), el('span', {}, 'Undo this run'));
    if (!view.undo) undo.addEventListener('click', () => host.postMessage({ type: 'chatAgentUndo', turnId: this.turnId }));
    this.summary.replaceChildren(el('h4', {}, `Changed ${view.changes.length} file${view.changes.length === 1 ? '' : 's'}`), el('ul', {}, ...files), undo);
  }
}

/** The arguments in one line for the card's title: the path or command, not the whole content. */
function shortArgs(json: string): string {
  try {
    const args = JSON.parse(json) as Record<string, unknown>;
    const main = args.path ?? args.command ?? args.query;
    if (typeof main === 'string') return main.length > 80 ? `${main.slice(0, 80)}…` : main;
  } catch {
    // An excerpt of long arguments is not JSON any more.
  }
  return json.length > 80 ? `${json.slice(0, 80)}…` : json;
}

import type { ChatBudget, ChatSession, ChatUserTurn, ContextChip } from '../../src/shared/protocol';
import { MAX_CHAT_TEXT } from '../../src/shared/protocol';
import { el } from '../dom';
import { host, remember } from '../vscodeApi';
import { composerKeyAction, opensFilePicker } from './composerKeys';
import { icon, iconButton } from './icon';
import { budgetView, instructionsLine } from './sessionText';
import { ModeSwitch } from './modeSwitch';
import { chipIcon } from './userTurnView';

/**
 * The input area: attached context chips, the multi-line input, the model
 * picker, the context meter, Send/Stop, and which instructions apply.
 * Enter sends, Shift+Enter breaks the line, Up in an empty input edits the
 * last message, `@` attaches a file. The draft survives webview reloads.
 */
export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly chips: HTMLElement;
  private readonly model: HTMLSelectElement;
  private readonly meter: HTMLMeterElement;
  private readonly meterText: HTMLElement;
  private readonly meterBox: HTMLElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly notes: HTMLElement;
  private readonly instructions: HTMLElement;
  private readonly editBanner: HTMLElement;
  private readonly mode = new ModeSwitch((agent) => {
    this.input.placeholder = agent ? 'Describe a task: the agent reads, edits and runs commands with your approval' : 'Ask about your code — @ to attach a file';
  });
  private editing: ChatUserTurn | undefined;
  private streaming = false;
  private draftTimer: number | undefined;
  private budget: ChatBudget | undefined;

  constructor(private readonly lastUserTurn: () => ChatUserTurn | undefined) {
    this.input = el('textarea', {
      class: 'chat-input',
      rows: '1',
      'aria-label': 'Message Hearth',
      placeholder: 'Ask about your code — @ to attach a file',
      'data-testid': 'chat-input',
      maxlength: String(MAX_CHAT_TEXT),
    });
    this.input.value = host.getState()?.draft ?? '';
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.input.addEventListener('beforeinput', (event) => this.onBeforeInput(event));
    this.input.addEventListener('input', () => this.onInput());

    this.chips = el('ul', { class: 'context-chips', 'aria-label': 'Attached context', 'data-testid': 'context-chips' });
    const attach = iconButton('attach', 'Attach a file (@)', { 'data-testid': 'attach-file' });
    attach.addEventListener('click', () => host.postMessage({ type: 'chatAttachFile' }));
    this.model = el('select', { class: 'model-picker', 'aria-label': 'Chat model', 'data-testid': 'model-picker' });
    this.model.addEventListener('change', () => {
      if (this.model.value) host.postMessage({ type: 'chatSetModel', model: this.model.value });
    });
    this.meter = el('meter', { min: '0', max: '1', value: '0', 'aria-hidden': 'true' });
    this.meterText = el('span', { class: 'meter-text' });
    this.meterBox = el('span', { class: 'budget', role: 'img', 'data-testid': 'context-budget' }, this.meter, this.meterText);
    this.sendButton = iconButton('send', 'Send (Enter)', { class: 'icon-button send', 'data-testid': 'send' });
    this.sendButton.addEventListener('click', () => this.send());
    this.stopButton = iconButton('debug-stop', 'Stop', { class: 'icon-button stop', 'data-testid': 'stop' });
    this.stopButton.addEventListener('click', () => {
      host.postMessage({ type: 'chatStop' });
      this.input.focus();
    });
    this.stopButton.hidden = true;
    // Until the host says which models and budget there are, show neither.
    this.model.hidden = true;
    this.meterBox.hidden = true;

    const cancelEdit = iconButton('close', 'Cancel editing (Escape)', { 'data-testid': 'cancel-edit' });
    cancelEdit.addEventListener('click', () => this.stopEditing());
    this.editBanner = el('div', { class: 'edit-banner', role: 'status' }, icon('edit'), el('span', {}, 'Editing your message — Enter resends it, and the answers after it are replaced.'), cancelEdit);
    this.editBanner.hidden = true;
    this.notes = el('div', { class: 'composer-notes' });
    this.instructions = el('div', { class: 'instructions-line muted', 'data-testid': 'chat-instructions' });

    this.element = el(
      'div',
      { class: 'composer' },
      this.notes,
      // Its own row: beside the model picker and the meter a narrow sidebar would squeeze it away.
      el('div', { class: 'mode-row' }, this.mode.element),
      this.mode.note,
      this.editBanner,
      el(
        'div',
        { class: 'input-box' },
        this.chips,
        this.input,
        el('div', { class: 'input-toolbar' }, attach, this.model, el('span', { class: 'spacer' }), this.meterBox, this.sendButton, this.stopButton),
      ),
      this.instructions,
    );
    this.updateSendState();
  }

  setSession(session: ChatSession): void {
    this.streaming = session.streaming;
    this.sendButton.hidden = session.streaming;
    this.stopButton.hidden = !session.streaming;
    this.drawChips(session.context);
    this.drawModels(session);
    this.mode.setSession(session);
    this.model.hidden = false;
    this.meterBox.hidden = false;
    this.budget = session.budget;
    this.drawBudget();
    this.instructions.replaceChildren(icon('book'), el('span', {}, instructionsLine(session.instructions)));
    this.instructions.title = session.instructions.status === 'ready' ? `≈${session.instructions.tokens} tokens of instructions in the system message` : '';
    this.updateSendState();
  }

  /** chatCompose: the host wrote a request (e.g. "Explain this"). */
  compose(text: string): void {
    this.stopEditing();
    this.input.value = text;
    this.onInput();
    this.focus();
  }

  focus(): void {
    this.input.focus();
    this.input.setSelectionRange(this.input.value.length, this.input.value.length);
  }

  /** Puts a sent message back into the input; Enter sends it again in its place. */
  edit(turn: ChatUserTurn): void {
    this.editing = turn;
    this.editBanner.hidden = false;
    this.input.value = turn.text;
    this.updateSendState();
    this.focus();
  }

  /** Leaves edit mode, back to the draft. */
  stopEditing(): void {
    if (!this.editing) return;
    this.editing = undefined;
    this.editBanner.hidden = true;
    this.input.value = host.getState()?.draft ?? '';
    this.updateSendState();
  }

  private send(): void {
    const text = this.input.value;
    if (this.streaming || text.trim().length === 0) return;
    if (this.editing) host.postMessage({ type: 'chatEditResend', turnId: this.editing.id, text });
    else host.postMessage({ type: 'chatSend', text });
    this.editing = undefined;
    this.editBanner.hidden = true;
    this.input.value = '';
    this.saveDraft(true);
    this.updateSendState();
    this.input.focus();
  }

  private onKey(event: KeyboardEvent): void {
    switch (composerKeyAction(event, this.input.value, this.editing !== undefined)) {
      case 'send':
        event.preventDefault();
        this.send();
        return;
      case 'editLast': {
        const last = this.lastUserTurn();
        if (!last || this.streaming) return;
        event.preventDefault();
        this.edit(last);
        return;
      }
      case 'cancelEdit':
        event.preventDefault();
        this.stopEditing();
        return;
      case 'newline':
      case 'none':
        return;
    }
  }

  private onBeforeInput(event: InputEvent): void {
    const before = this.input.value.slice(0, this.input.selectionStart);
    if (event.inputType === 'insertText' && opensFilePicker(event.data, before)) {
      event.preventDefault();
      host.postMessage({ type: 'chatAttachFile' });
    }
  }

  /** The meter and its notes: the host's estimate of the next request, with the draft as typed. */
  private drawBudget(): void {
    if (!this.budget) return;
    const budget = budgetView(this.budget, this.input.value.trim().length);
    this.meter.max = budget.max;
    this.meter.high = budget.high;
    this.meter.low = budget.high * 0.75;
    this.meter.optimum = 0;
    this.meter.value = budget.value;
    this.meterText.textContent = budget.text;
    this.meterBox.setAttribute('aria-label', budget.label);
    this.meterBox.title = budget.label;
    const note = (text: string, kind: string): HTMLElement => el('p', { class: `note ${kind}`, role: 'note', 'data-testid': kind }, icon('info'), el('span', {}, text));
    this.notes.replaceChildren(...(budget.droppedNote ? [note(budget.droppedNote, 'dropped-note')] : []), ...(budget.trimNote ? [note(budget.trimNote, 'trim-note')] : []));
  }

  private onInput(): void {
    this.updateSendState();
    this.drawBudget();
    if (!this.editing) this.saveDraft(false);
  }

  private saveDraft(now: boolean): void {
    if (this.draftTimer !== undefined) clearTimeout(this.draftTimer);
    const store = (): void => remember({ draft: this.input.value });
    if (now) store();
    else this.draftTimer = window.setTimeout(store, 300);
  }

  private updateSendState(): void {
    this.sendButton.disabled = this.input.value.trim().length === 0;
  }

  private drawChips(context: readonly ContextChip[]): void {
    this.chips.hidden = context.length === 0;
    this.chips.replaceChildren(
      ...context.map((chip) => {
        const remove = iconButton('close', `Remove ${chip.label}`, { class: 'icon-button chip-remove', 'data-testid': 'remove-chip' });
        remove.addEventListener('click', () => {
          host.postMessage({ type: 'chatRemoveContext', chipId: chip.id });
          this.input.focus();
        });
        const detail = `${chip.path} · ≈${chip.tokens} tokens${chip.truncated ? ' · cut to the attachment limit' : ''}`;
        return el(
          'li',
          { class: `chip chip-${chip.kind}`, title: detail, 'data-chip-id': chip.id },
          icon(chipIcon(chip)),
          el('span', { class: 'chip-label' }, chip.label),
          chip.truncated ? el('span', { class: 'chip-note' }, '(cut)') : undefined,
          remove,
        );
      }),
    );
  }

  private drawModels(session: ChatSession): void {
    const names = session.models.map((m) => m.name);
    const options = session.models.map((m) => el('option', { value: m.name }, `${m.name}${m.thinking ? ' · thinking' : ''}`));
    if (session.model && !names.includes(session.model)) options.unshift(el('option', { value: session.model }, `${session.model} (not installed)`));
    if (options.length === 0) options.push(el('option', { value: '' }, 'No chat model'));
    this.model.replaceChildren(...options);
    this.model.value = session.model;
    this.model.disabled = session.models.length === 0 || session.streaming;
    this.model.title = `Chat model for this conversation: ${session.model || 'none'}`;
  }
}

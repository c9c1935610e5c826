// The soak's hands: typing into the real editor, chatting in the real view,
// Stop, view reloads, and the daemon's faults played by the stand-in. Every
// message the user sends is counted here, to be found again on disk later.
import type { Page } from 'playwright-core';
import type { GenerationRequest, ScriptedReply } from '../../test/fakes/ollamaStandIn';
import { wordTokens } from '../../test/fakes/ollamaStandIn';
import { quickOpen } from '../../test/e2e/workbench';
import { Prng } from '../completion/prng';
import type { FaultKind, FaultTarget, SoakAction } from './soakSchedule';
import type { Recovery } from './soakReport';
import type { SoakView } from './soakView';
import type { SoakWorkbench } from './soakWorkbench';

/** A reply past the chat's cap (1,000,000 bytes by default): 300 tokens of 4 KB. */
const HUGE_TOKENS = 300;
const HUGE_TOKEN = `${'word '.repeat(800)}\n\n`;
/** How long a user waits for an answer before pressing Stop. */
const ANSWER_PATIENCE_MS = 45_000;
/** After a restart: a key, then a pause, until Hearth serves again, for at most this long. */
const RECOVERY_LIMIT_MS = 120_000;
const PROBE_PAUSE_MS = 5_000;
const PATHS: Record<FaultTarget, string> = { completion: '/api/generate', chat: '/api/chat' };

export class SoakDriver {
  readonly sent: string[] = [];
  /** Messages the composer kept on Enter, or Hearth gave back to it: the user still has them, so not counted as sent. */
  readonly kept: string[] = [];
  readonly recoveries: Recovery[] = [];
  readonly faults: Partial<Record<FaultKind, number>> = {};
  completionsShown = 0;
  private hugeNext = false;
  private readonly rng: Prng;

  constructor(
    private readonly workbench: SoakWorkbench,
    private readonly view: SoakView,
    private readonly seed: number,
  ) {
    this.rng = new Prng(seed ^ 0x5eed);
    workbench.standIn.reply((req) => this.reply(req));
  }

  private get page(): Page {
    return this.workbench.page;
  }

  /** app.ts in the editor, the cursor on a new last line. */
  async openEditor(): Promise<void> {
    await quickOpen(this.page, 'app.ts');
    await this.page.locator('.editor-instance .view-lines', { hasText: 'addTodo' }).waitFor({ timeout: 60_000 });
    await this.toEditorEnd();
  }

  async run(action: SoakAction): Promise<void> {
    switch (action.kind) {
      case 'type': return this.type(action.chars);
      case 'chat': return this.chat(undefined);
      case 'stop': return this.chat(action.afterMs);
      case 'reload': return this.view.reload();
      case 'fault': return this.fault(action.fault, action.target);
    }
  }

  private async toEditorEnd(): Promise<void> {
    await this.page.locator('.editor-instance .view-lines').first().click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.press('Enter');
  }

  /** Types code at a typist's pace, then waits a moment for ghost text (and dismisses it). */
  private async type(chars: number): Promise<void> {
    await this.toEditorEnd();
    const n = this.rng.int(0, 999);
    const text = `const soak${n} = compute(${n}, "${'abcdefghijklmnopqrstuvwxyz'.slice(0, Math.max(1, chars - 24))}");`.slice(0, Math.max(chars, 8));
    await this.page.keyboard.type(text, { delay: this.rng.int(60, 140) });
    const ghost = this.page.locator('.editor-instance .ghost-text-decoration, .editor-instance .ghost-text-decoration-preview').first();
    if (await ghost.waitFor({ timeout: 3_000 }).then(() => true, () => false)) this.completionsShown++;
    await this.page.keyboard.press('Escape');
  }

  /** Sends a message once the composer is free; with `stopAfterMs`, presses Stop that much later. */
  private async chat(stopAfterMs: number | undefined): Promise<void> {
    const chat = this.view.chat;
    const stop = chat.locator('[data-testid="stop"]:visible');
    if (await stop.isVisible().catch(() => false)) {
      // Still answering: a user waits a little, then stops it to ask the next thing.
      if (!(await chat.locator('[data-testid="send"]:visible').waitFor({ timeout: 15_000 }).then(() => true, () => false))) await stop.click();
    }
    await chat.locator('[data-testid="send"]:visible').waitFor({ timeout: 30_000 });
    const text = `Soak message ${this.sent.length + this.kept.length + 1} (seed ${this.seed}): ${this.rng.pick(QUESTIONS)}`;
    const input = chat.locator('[data-testid="chat-input"]');
    await input.click();
    await input.fill(text);
    await input.press('Enter');
    // The composer empties itself when it hands the message to Hearth; if the text is still there, nothing was sent (the user still has it).
    if ((await input.inputValue()) === text) {
      this.kept.push(text);
      return;
    }
    // Shown as sent, or given back to the input (Hearth refuses a message while an answer starts): then the user still has it.
    const turn = chat.locator('article.turn-user', { hasText: text });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if ((await turn.count()) > 0) break;
      if ((await input.inputValue().catch(() => '')) === text) {
        this.kept.push(text);
        return;
      }
      if (Date.now() > deadline) {
        this.sent.push(text);
        throw new Error(`"${text}" neither shown nor given back within 30 s`);
      }
      await this.page.waitForTimeout(250);
    }
    this.sent.push(text);
    if (stopAfterMs !== undefined) {
      await this.page.waitForTimeout(stopAfterMs);
      if (await stop.isVisible().catch(() => false)) await stop.click().catch(() => undefined);
      return;
    }
    if (!(await chat.locator('[data-testid="send"]:visible').waitFor({ timeout: ANSWER_PATIENCE_MS }).then(() => true, () => false))) {
      await stop.click().catch(() => undefined);
    }
  }

  private async fault(kind: FaultKind, target: FaultTarget): Promise<void> {
    const standIn = this.workbench.standIn;
    const path = PATHS[target];
    switch (kind) {
      case 'refused':
      case 'restart': {
        await standIn.goDown();
        this.count(kind);
        // Refused: the daemon is away for a while and the user goes on typing; a restart is over in a moment.
        const downMs = kind === 'refused' ? this.rng.int(3_000, 10_000) : 300;
        const until = Date.now() + downMs;
        while (kind === 'refused' && Date.now() < until) await this.type(this.rng.int(4, 10)).catch(() => undefined);
        await this.page.waitForTimeout(Math.max(0, until - Date.now()));
        await standIn.comeUp();
        this.recoveries.push({ fault: kind, ms: await this.recover(Date.now()) });
        return;
      }
      case 'hang': standIn.injectFault(path, { kind: 'hang' }); return;
      case 'status500': standIn.injectFault(path, { kind: 'status', status: 500, error: 'llama runner process has terminated: exit status 2' }); return;
      case 'midStreamError': standIn.injectFault(path, { kind: 'midStreamError', afterTokens: this.rng.int(1, 8), error: 'an error was encountered while running the model: unexpected EOF' }); return;
      case 'malformedLine': standIn.injectFault(path, { kind: 'malformedLine', afterTokens: this.rng.int(1, 8) }); return;
      case 'slowStream': standIn.injectFault(path, { kind: 'slowStream', perTokenMs: 150 }); return;
      case 'hugeReply': this.hugeNext = true; return;
    }
  }

  /**
   * Keys in the editor until a completion (or a chat answer) is served after
   * `upAt`; how long that took. Served: the daemon streamed tokens with a 200.
   * Hearth closes a single-line completion's stream once its line has ended,
   * so such a request often ends closed by the client, not completed (counting
   * only completed ones reported recoveries of 87 s and none at all).
   */
  private async recover(upAt: number): Promise<number | undefined> {
    const served = (): number | undefined =>
      this.workbench.standIn.requests.find(
        (r) => r.startedAt >= upAt && (r.outcome === 'completed' || r.outcome === 'clientClosed') && r.status === 200 && r.tokensSent > 0 && r.fault === undefined &&
          ((r.path === '/api/generate' && (r.body as { prompt?: unknown } | undefined)?.prompt !== '') || r.path === '/api/chat'),
      )?.endedAt;
    await this.toEditorEnd().catch(() => undefined);
    while (Date.now() - upAt < RECOVERY_LIMIT_MS) {
      await this.page.keyboard.type(this.rng.pick(['x', 'y', ' ', '1', '(', ')']));
      // Then a pause, as a user waiting for a suggestion: a key every second would stop each completion before it ends.
      for (let waited = 0; waited < PROBE_PAUSE_MS; waited += 250) {
        const at = served();
        if (at !== undefined) return at - upAt;
        await this.page.waitForTimeout(250);
      }
    }
    return served() === undefined ? undefined : (served() as number) - upAt;
  }

  private count(kind: FaultKind): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + 1;
  }

  /** Chat answers: prose and a code block, seeded; one megabyte and more after a hugeReply fault. */
  private reply(req: GenerationRequest): ScriptedReply | undefined {
    if (req.path !== '/api/chat') return undefined;
    if (this.hugeNext) {
      this.hugeNext = false;
      this.count('hugeReply');
      return { tokens: Array.from({ length: HUGE_TOKENS }, () => HUGE_TOKEN) };
    }
    const n = this.rng.int(1, 99);
    const text = `Here is one way, step ${n}:\n\n\`\`\`ts\nexport function step${n}(todos: Todo[]): number {\n  return todos.filter((t) => !t.done).length + ${n};\n}\n\`\`\`\n\nIt keeps **the list** as it is and counts what is left; see \`step${n}\`.`;
    return { tokens: wordTokens(text) };
  }
}

const QUESTIONS = [
  'how do I count the open todos?',
  'can addTodo reject an empty title?',
  'write a test for remaining()',
  'explain the Todo interface',
  'make this faster, please',
  'what would you rename here?',
];

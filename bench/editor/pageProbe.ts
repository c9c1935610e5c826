import type { Page } from 'playwright-core';

/** A keydown seen by the page, on the page's clock (epoch milliseconds). */
export interface KeySample {
  /** When the page handled it (the editor acts on it now). */
  readonly at: number;
  /** When the input event was created; `at` minus this is the delivery lag. */
  readonly inputAt: number;
  readonly key: string;
  /** Ctrl, Alt or Meta held: a command, not text. */
  readonly command: boolean;
  /** The focus was in an editor (not the quick input). */
  readonly inEditor: boolean;
}

export interface ProbeSamples {
  readonly keys: readonly KeySample[];
  /** [page time, ghost text] at every change of the suggestion on screen. */
  readonly ghosts: readonly (readonly [number, string])[];
}

// The root tsconfig has no DOM library (the extension never runs in a page),
// so the page side declares the few DOM shapes it touches.
interface PageElement {
  readonly textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  closest(selector: string): PageElement | null;
}
interface PageKeyEvent {
  readonly key: string;
  readonly timeStamp: number;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  readonly target: Partial<PageElement> | null;
}
interface Probe {
  keys: KeySample[];
  ghosts: [number, string][];
  observer?: { disconnect(): void };
}
interface PageGlobals {
  readonly document: { querySelector(selector: string): PageElement | null };
  readonly performance: { readonly timeOrigin: number; now(): number };
  addEventListener(type: 'keydown', listener: (event: PageKeyEvent) => void, capture: boolean): void;
  readonly MutationObserver: new (callback: () => void) => {
    observe(target: PageElement, options: { childList: boolean; subtree: boolean; characterData: boolean }): void;
    disconnect(): void;
  };
  __name?: unknown;
  hearthProbe?: Probe;
}

const MODIFIERS = ['Control', 'Shift', 'Alt', 'Meta'];

/**
 * Records every keydown in the page (capture phase, when handled and when
 * created). Once per page. tsx compiles the functions handed to the page
 * with esbuild's keepNames, which calls a `__name` helper the page lacks:
 * it is defined first.
 */
export async function installKeyProbe(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  await page.evaluate((modifiers) => {
    const g = globalThis as unknown as PageGlobals;
    if (g.hearthProbe !== undefined) return;
    const probe: Probe = { keys: [], ghosts: [] };
    g.hearthProbe = probe;
    g.addEventListener(
      'keydown',
      (event) => {
        if (modifiers.includes(event.key)) return;
        const target = event.target;
        const inEditor = typeof target?.closest === 'function' && target.closest('.monaco-editor') !== null && target.closest('.quick-input-widget') === null;
        const origin = g.performance.timeOrigin;
        probe.keys.push({ at: origin + g.performance.now(), inputAt: origin + event.timeStamp, key: event.key, command: event.ctrlKey || event.altKey || event.metaKey, inEditor });
      },
      true,
    );
  }, MODIFIERS);
}

/**
 * Watches the active editor's ghost text: the inline parts (Monaco's
 * `.ghost-text-decoration` spans, one per token) and the lines it adds below
 * the cursor line (`.suggest-preview-text`), spaces normalised. A sample is
 * taken whenever that text changes, in the MutationObserver's callback (the
 * DOM has changed; the frame is painted within one more frame).
 */
export async function watchGhostText(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const probe = g.hearthProbe;
    const editor = g.document.querySelector('.editor-instance .monaco-editor');
    if (probe === undefined || editor === null) throw new Error('no key probe, or no editor');
    probe.observer?.disconnect();
    let last = '';
    const texts = (selector: string): string[] => Array.from(editor.querySelectorAll(selector)).map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' '));
    const sample = (): void => {
      const inline = texts('.ghost-text-decoration, .ghost-text-decoration-preview').join('');
      const below = texts('.suggest-preview-text .view-line');
      while (below.length > 0 && (below[below.length - 1] ?? '').trim() === '') below.pop();
      const text = below.length > 0 ? `${inline}\n${below.join('\n')}` : inline;
      if (text === last) return;
      last = text;
      probe.ghosts.push([g.performance.timeOrigin + g.performance.now(), text]);
    };
    const observer = new g.MutationObserver(sample);
    observer.observe(editor, { childList: true, subtree: true, characterData: true });
    probe.observer = observer;
    sample();
  });
}

/** Everything recorded since the last call. */
export async function takeSamples(page: Page): Promise<ProbeSamples> {
  return page.evaluate(() => {
    const probe = (globalThis as unknown as PageGlobals).hearthProbe;
    if (probe === undefined) throw new Error('no probe');
    const samples = { keys: probe.keys, ghosts: probe.ghosts };
    probe.keys = [];
    probe.ghosts = [];
    return samples;
  });
}

/**
 * The page clock minus this process's Date.now() clock, from the round
 * trip with the smallest delay (its midpoint is the best estimate of when
 * the page read its clock).
 */
export async function pageClockOffset(page: Page, rounds = 7): Promise<{ offsetMs: number; roundTripMs: number }> {
  let best = { offsetMs: 0, roundTripMs: Infinity };
  for (let i = 0; i < rounds; i++) {
    const before = epochNow();
    const pageNow = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return g.performance.timeOrigin + g.performance.now();
    });
    const after = epochNow();
    if (after - before < best.roundTripMs) best = { offsetMs: pageNow - (before + after) / 2, roundTripMs: after - before };
  }
  return best;
}

/** Date.now()'s clock (the stand-in stamps with it) at performance.now()'s resolution. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

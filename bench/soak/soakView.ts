// The Hearth view as the soak uses it: its chat (two iframes deep in the
// workbench), and a long-task observer inside its page, read before each
// reload of the view (a reload starts a fresh page and a fresh observer).
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { openHearthView, runCommand, showTab } from '../../test/e2e/workbench';

interface ViewGlobals {
  __soakLongest?: number;
  PerformanceObserver: typeof PerformanceObserver;
  document: Document;
}

export class SoakView {
  /** The longest task seen on pages of the view already gone (reloaded). */
  private longestGoneMs = 0;

  private constructor(
    private readonly page: Page,
    private view: FrameLocator,
  ) {}

  static async open(page: Page): Promise<SoakView> {
    const view = new SoakView(page, await openHearthView(page, 'chat'));
    await view.watchLongTasks();
    return view;
  }

  get chat(): FrameLocator {
    return this.view;
  }

  /** "Developer: Reload Webviews": the view's page starts over, as after a crash or a window switch. */
  async reload(): Promise<void> {
    this.longestGoneMs = Math.max(this.longestGoneMs, await this.longestOnPage());
    await runCommand(this.page, 'Developer: Reload Webviews');
    this.view = this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await this.view.locator('[data-testid="chat-input"]').waitFor({ state: 'attached', timeout: 60_000 }).catch(async () => {
      // The view was hidden when reloaded: show it again.
      this.view = await openHearthView(this.page, 'chat');
    });
    await showTab(this.view, 'chat');
    await this.watchLongTasks();
  }

  /** The longest task (ms) on any page the view has had so far. */
  async longestTaskMs(): Promise<number> {
    return Math.max(this.longestGoneMs, await this.longestOnPage());
  }

  /** The view's own document: the frame that holds the chat input. */
  private async frame(): Promise<Frame | undefined> {
    const input = await this.view.locator('[data-testid="chat-input"]').elementHandle({ timeout: 30_000 }).catch(() => null);
    const frame = (await input?.ownerFrame()) ?? undefined;
    await input?.dispose();
    return frame;
  }

  private async watchLongTasks(): Promise<void> {
    const frame = await this.frame();
    if (!frame) throw new Error('the Hearth view has no chat page to watch');
    await frame.evaluate('globalThis.__name ??= (fn) => fn');
    await frame.evaluate(() => {
      const g = globalThis as unknown as ViewGlobals;
      if (g.__soakLongest !== undefined) return;
      g.__soakLongest = 0;
      // Tasks of this page ("self"), buffered ones included: the view's own work, not the workbench's next door.
      new g.PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.name === 'self') g.__soakLongest = Math.max(g.__soakLongest ?? 0, entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
  }

  private async longestOnPage(): Promise<number> {
    const frame = await this.frame();
    return (await frame?.evaluate(() => (globalThis as unknown as ViewGlobals).__soakLongest ?? 0).catch(() => 0)) ?? 0;
  }
}

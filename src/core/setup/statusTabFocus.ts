import type { SetupSummary } from '../../shared/statusTab';
import type { HostToWebview } from '../../shared/protocol';

const SHOW_STATUS: HostToWebview = { type: 'showTab', tab: 'status' };

/**
 * Brings the view's Status tab forward when setup is needed as the view
 * loads, once per window: after that the user's choice of tab stands, even
 * if the daemon goes away later (the chat then says why it cannot answer).
 */
export class StatusTabFocus {
  private decided = false;
  private viewLoaded = false;
  private requested = false;

  /** `post` returns false when no webview is there to receive. */
  constructor(private readonly post: (message: HostToWebview) => boolean) {}

  /** The webview (re)loaded and has the current state. */
  viewReady(setup: SetupSummary): void {
    this.viewLoaded = true;
    if (this.requested) {
      this.requested = false;
      this.post(SHOW_STATUS);
      this.decided = true;
      return;
    }
    this.consider(setup);
  }

  /** A new state was pushed to the view. */
  stateChanged(setup: SetupSummary): void {
    if (this.viewLoaded) this.consider(setup);
  }

  /** The user asked for the setup (command, walkthrough): show it now, or when the view loads. */
  request(): void {
    this.decided = true;
    if (!this.viewLoaded || !this.post(SHOW_STATUS)) this.requested = true;
  }

  private consider(setup: SetupSummary): void {
    // While connecting nothing is known yet; decide on the first real answer.
    if (this.decided || setup.daemon === 'connecting') return;
    if (!setup.needed) {
      this.decided = true;
      return;
    }
    if (this.post(SHOW_STATUS)) this.decided = true;
    else this.viewLoaded = false;
  }
}

import type { ViewTab, WebviewToHost } from '../src/shared/protocol';

/** What the webview keeps across its own reloads (VS Code stores it per view). */
export interface ViewMemory {
  readonly tab?: ViewTab;
  /** The unsent draft in the chat input. */
  readonly draft?: string;
}

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): ViewMemory | undefined;
  setState(state: ViewMemory): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's only channel to the host, typed by the shared protocol. */
export const host: VsCodeApi = acquireVsCodeApi();

/** Merges `patch` into the remembered view state. */
export function remember(patch: Partial<ViewMemory>): void {
  host.setState({ ...(host.getState() ?? {}), ...patch });
}

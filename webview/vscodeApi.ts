import type { WebviewToHost } from '../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's only channel to the host, typed by the shared protocol. */
export const host: VsCodeApi = acquireVsCodeApi();

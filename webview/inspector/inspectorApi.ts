import type { InspectorToHost } from '../../src/shared/protocol';

interface InspectorVsCodeApi {
  postMessage(message: InspectorToHost): void;
}

declare function acquireVsCodeApi(): InspectorVsCodeApi;

/** The inspector page's only channel to the host, typed by the shared protocol. */
export const inspectorHost: InspectorVsCodeApi = acquireVsCodeApi();

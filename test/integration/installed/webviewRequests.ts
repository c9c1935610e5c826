// The requests the Hearth view's webview makes, as the browser saw them: the
// installed-VSIX runner records them from Playwright (outside VS Code) into a
// JSON-lines file, and the smoke suite (inside the extension host) reads it to
// find a stylesheet, font or script the package lacks.
import * as fs from 'node:fs';
import type { Page, Request } from 'playwright-core';

export interface WebviewRequest {
  /** The URL's path: for the extension's own files, their path on the server. */
  readonly path: string;
  readonly url: string;
  readonly resourceType: string;
  /** HTTP status; undefined when the request failed without one. */
  readonly status?: number;
  readonly failure?: string;
  readonly frame: string;
}

const fileVariable = 'HEARTH_WEBVIEW_REQUESTS';

/**
 * A webview's pages are VS Code's `webview/browser/pre/` documents, two iframes
 * deep; the extension's files load inside them from
 * `https://<authority>.vscode-resource.vscode-cdn.net/<path on the server>`.
 */
const webviewPage = /\/webview\/browser\/pre\//;

function inWebview(request: Request): boolean {
  return webviewPage.test(request.frame().url()) || webviewPage.test(request.url());
}

function entry(request: Request): Omit<WebviewRequest, 'status' | 'failure'> {
  return { path: decodeURIComponent(new URL(request.url()).pathname), url: request.url(), resourceType: request.resourceType(), frame: request.frame().url() };
}

/** Appends every request made inside a webview of `page` to `file`, as it settles. */
export function recordWebviewRequests(page: Page, file: string): void {
  fs.writeFileSync(file, '');
  const write = (e: WebviewRequest): void => fs.appendFileSync(file, JSON.stringify(e) + '\n');
  page.on('response', (response) => {
    const request = response.request();
    if (inWebview(request)) write({ ...entry(request), status: response.status() });
  });
  page.on('requestfailed', (request) => {
    if (inWebview(request)) write({ ...entry(request), failure: request.failure()?.errorText ?? 'failed' });
  });
}

/** What the runner recorded so far (the file named by HEARTH_WEBVIEW_REQUESTS in the host's environment). */
export function readWebviewRequests(file = process.env[fileVariable]): WebviewRequest[] {
  if (!file) throw new Error(`${fileVariable} is not set: run this suite with test/integration/runInstalled.ts`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as WebviewRequest);
}

export function webviewRequestsEnv(file: string): Record<string, string> {
  return { [fileVariable]: file };
}

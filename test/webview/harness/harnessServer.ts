// Serves the view's real page (panelDocument: the same HTML and CSP the
// extension sends) and the real built assets from dist/ and media/ on
// loopback, with a fake acquireVsCodeApi and a theme. A second server is the
// probe: any request to it means something in the page loaded or executed.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { PANEL_STYLESHEETS, panelDocument } from '../../../src/features/panel/panelDocument';
import { themeBodyClass, themeCss, type ThemeName } from './themes';

const root = join(__dirname, '..', '..', '..');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.html': 'text/html',
};

/** The fake webview API: records what the page posts; state persists across reloads like VS Code's. */
const FAKE_VSCODE = `(() => {
  const posted = [];
  window.__hearthPosted = posted;
  const stored = sessionStorage.getItem('hearth-state');
  let state = stored ? JSON.parse(stored) : undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => posted.push(JSON.parse(JSON.stringify(message))),
    getState: () => state,
    setState: (next) => { state = next; sessionStorage.setItem('hearth-state', JSON.stringify(next)); },
  });
  const theme = document.currentScript.dataset.theme;
  document.body.className = theme;
  document.body.dataset.vscodeThemeKind = theme;
})();`;

export interface HarnessServer {
  readonly origin: string;
  /** The page URL; `csp: false` drops the CSP to test the sanitizer alone. */
  pageUrl(options: { theme: ThemeName; csp: boolean }): string;
  close(): Promise<void>;
}

export interface ProbeServer {
  readonly origin: string;
  readonly hits: string[];
  close(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function page(origin: string, theme: ThemeName, csp: boolean): string {
  const nonce = randomBytes(18).toString('base64');
  let html = panelDocument({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/dist/webview.js`,
    styleUris: PANEL_STYLESHEETS.map((path) => `${origin}/${path.join('/')}`),
  });
  // VS Code puts the theme variables and its default styles in the page, ahead of ours.
  html = html.replace('<meta name="viewport"', `<link rel="stylesheet" href="${origin}/harness/theme-${theme}.css">\n<meta name="viewport"`);
  html = html.replace(`<script nonce="${nonce}"`, `<script nonce="${nonce}" src="${origin}/harness/fakeVscode.js" data-theme="${themeBodyClass(theme)}"></script>\n<script nonce="${nonce}"`);
  if (!csp) html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, '');
  return html;
}

export async function startHarnessServer(): Promise<HarnessServer> {
  let origin = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const send = (status: number, type: string, body: string | Buffer): void => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      };
      if (url.pathname === '/') {
        send(200, 'text/html', page(origin, url.searchParams.get('theme') === 'light' ? 'light' : 'dark', url.searchParams.get('csp') !== 'off'));
        return;
      }
      if (url.pathname === '/harness/fakeVscode.js') return send(200, 'text/javascript', FAKE_VSCODE);
      const theme = /^\/harness\/theme-(light|dark)\.css$/.exec(url.pathname)?.[1] as ThemeName | undefined;
      if (theme) return send(200, 'text/css', themeCss(theme));
      const path = normalize(url.pathname).replace(/^\/+/, '');
      if (!/^(dist|media)\/[\w.-]+$/.test(path)) return send(404, 'text/plain', 'not found');
      try {
        send(200, TYPES[extname(path)] ?? 'application/octet-stream', await readFile(join(root, path)));
      } catch {
        send(404, 'text/plain', 'not found');
      }
    })();
  });
  origin = await listen(server);
  return {
    origin,
    pageUrl: ({ theme, csp }) => `${origin}/?theme=${theme}${csp ? '' : '&csp=off'}`,
    close: () => closeServer(server),
  };
}

export async function startProbeServer(): Promise<ProbeServer> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method ?? ''} ${req.url ?? ''}`);
    res.writeHead(204, { 'access-control-allow-origin': '*' });
    res.end();
  });
  const origin = await listen(server);
  return { origin, hits, close: () => closeServer(server) };
}

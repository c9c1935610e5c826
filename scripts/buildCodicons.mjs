// Writes dist/codicons.css and dist/codicons.woff2: the codicon font cut down
// to the glyphs listed in webview/chat/codicons.ts (a few KB instead of the
// full 126 KB font and 90 KB stylesheet). The webview loads both from dist/
// under its CSP (font-src/style-src = the webview's own origin).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);

export async function buildCodicons(root, outdir) {
  const list = readFileSync(join(root, 'webview/chat/codicons.ts'), 'utf8');
  const body = /CODICONS = \[([^\]]*)\]/.exec(list)?.[1] ?? '';
  const names = [...body.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]);
  const cssPath = require.resolve('@vscode/codicons/dist/codicon.css');
  const css = readFileSync(cssPath, 'utf8');
  const rules = [];
  const codepoints = [];
  for (const name of names) {
    const match = new RegExp(`\\.codicon-${name}:before \\{ content: "\\\\([0-9a-f]+)" \\}`).exec(css);
    if (!match) throw new Error(`codicon "${name}" is not in @vscode/codicons`);
    codepoints.push(parseInt(match[1], 16));
    rules.push(`.codicon-${name}::before { content: "\\${match[1]}"; }`);
  }
  const font = readFileSync(join(cssPath, '..', 'codicon.ttf'));
  const woff2 = await subsetFont(font, String.fromCodePoint(...codepoints), { targetFormat: 'woff2' });
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, 'codicons.woff2'), woff2);
  writeFileSync(
    join(outdir, 'codicons.css'),
    `/* @vscode/codicons (CC BY 4.0 font, MIT CSS), subset by scripts/buildCodicons.mjs */
@font-face { font-family: "codicon"; font-display: block; src: url("./codicons.woff2") format("woff2"); }
.codicon { font: normal normal normal 16px/1 codicon; display: inline-block; text-decoration: none; text-rendering: auto; text-align: center; -webkit-font-smoothing: antialiased; user-select: none; }
.codicon-modifier-spin { animation: codicon-spin 1.5s steps(30) infinite; }
@keyframes codicon-spin { 100% { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .codicon-modifier-spin { animation: none; } }
${rules.join('\n')}
`,
  );
  return names.length;
}

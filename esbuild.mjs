// Bundles Hearth. Targets: the extension (node, cjs, `vscode` external), the
// webview (browser, iife), and, with --tests, the integration suites that run
// inside a real VS Code extension host.
//   node esbuild.mjs [--production] [--watch] [--tests]
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCodicons } from './scripts/buildCodicons.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  // Production maps are written beside the bundles (to decode a user's stack
  // trace) but not linked from them: the package ships without them.
  sourcemap: production ? 'external' : 'inline',
  sourcesContent: !production,
  logLevel: 'warning',
  metafile: true,
  legalComments: production ? 'linked' : 'inline',
};

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts', inspector: 'webview/inspector/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.ttf': 'file' },
  },
];

if (withTests) {
  // installed/: the smoke suite for Hearth installed from its VSIX (test/integration/runInstalled.ts).
  const suites = ['test/integration/suite', 'test/integration/untrusted', 'test/integration/multiroot', 'test/integration/installed'].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => join(dir, f)),
  );
  targets.push({
    ...common,
    sourcemap: 'inline',
    minify: false,
    entryPoints: ['test/integration/index.ts', ...suites],
    outbase: 'test/integration',
    outdir: 'out/integration',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // mocha is loaded from node_modules at run time: it discovers files and
    // reporters dynamically, which a bundle would break.
    external: ['vscode', 'mocha'],
  });
}

function formatSize(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function report(result) {
  for (const file of Object.keys(result.metafile.outputs)) {
    if (file.endsWith('.map') || file.endsWith('.LEGAL.txt') || file.startsWith('out/')) continue;
    console.log(`  ${file.padEnd(28)} ${formatSize(statSync(file).size)}`);
  }
}

/**
 * out/bundled-packages.json: the npm packages each shipped bundle contains,
 * from which `npm run package` writes their licence notices.
 */
function writeBundledPackages(results) {
  const bundles = {};
  for (const result of results) {
    for (const [file, output] of Object.entries(result.metafile.outputs)) {
      if (!file.startsWith('dist/') || !file.endsWith('.js')) continue;
      const packages = new Set();
      for (const input of Object.keys(output.inputs)) {
        const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
        if (match) packages.add(match[1]);
      }
      bundles[file] = [...packages].sort();
    }
  }
  // Cut from the codicon font by buildCodicons below.
  bundles['dist/codicons.woff2'] = ['@vscode/codicons'];
  mkdirSync('out', { recursive: true });
  writeFileSync('out/bundled-packages.json', JSON.stringify(bundles, null, 2) + '\n');
}

// The chat's icons: a subset of the codicon font, written next to the bundles.
const icons = buildCodicons(dirname(fileURLToPath(import.meta.url)), 'dist');

if (watch) {
  await icons;
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[hearth] watching for changes…');
} else {
  const started = Date.now();
  const results = await Promise.all(targets.map((t) => esbuild.build(t)));
  await icons;
  console.log(`[hearth] built ${production ? 'production' : 'development'} bundles in ${Date.now() - started} ms`);
  results.forEach(report);
  writeBundledPackages(results);
  for (const file of ['dist/codicons.css', 'dist/codicons.woff2']) console.log(`  ${file.padEnd(28)} ${formatSize(statSync(file).size)}`);
}

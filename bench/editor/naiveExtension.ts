import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../../test/support/codeServer';

/**
 * Bundles test/fakes/naiveCompletionExtension.ts as a development extension
 * in `dir`: the naive baseline run by the real workbench. Its manifest
 * contributes Hearth's own settings (same names, same defaults), so the
 * provider reads them as it does in Hearth. Returns `dir`.
 */
export async function buildNaiveExtension(dir: string): Promise<string> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [path.join(repoRoot, 'test/fakes/naiveCompletionExtension.ts')],
    outfile: path.join(dir, 'dist/extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  const hearth = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    engines: { vscode: string };
    contributes: { configuration: unknown };
  };
  const manifest = {
    name: 'hearth-naive-baseline',
    displayName: 'Hearth naive baseline (benchmark only)',
    publisher: 'hearth-bench',
    version: '0.0.0',
    private: true,
    engines: { vscode: hearth.engines.vscode },
    main: './dist/extension.js',
    activationEvents: ['onStartupFinished'],
    contributes: { configuration: hearth.contributes.configuration },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

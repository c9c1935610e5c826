// Installs the project's npm dependencies (`npm ci`) when node_modules is
// missing or does not match package-lock.json, so `npm start`, `npm test` and
// `npm run package` work on a fresh clone with no command before them.
// Imports nothing from node_modules: it runs before they exist.
//
// What "matches" means: npm records what it installed in node_modules'
// hidden lockfile (node_modules/.package-lock.json). Every package the lockfile
// names must be there at the same version and integrity, and nothing else;
// optional packages and those for other platforms may be absent.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Why node_modules needs `npm ci`, or undefined when it is up to date. */
export function staleReason(root) {
  const hiddenFile = join(root, 'node_modules/.package-lock.json');
  if (!existsSync(join(root, 'node_modules'))) return 'node_modules is missing';
  if (!existsSync(hiddenFile)) return 'node_modules was not installed by npm from package-lock.json';
  const lock = readJson(join(root, 'package-lock.json'));
  const hidden = readJson(hiddenFile);
  if (!lock?.packages) return 'package-lock.json cannot be read';
  if (!hidden?.packages) return 'node_modules/.package-lock.json cannot be read';

  for (const [path, wanted] of Object.entries(lock.packages)) {
    if (path === '' || wanted.link) continue;
    const installed = hidden.packages[path];
    if (!installed) {
      // Optional packages, and those built for another OS or CPU, may be absent.
      if (wanted.optional || wanted.devOptional || !fitsPlatform(wanted)) continue;
      return `${name(path)} is not installed`;
    }
    if (installed.version !== wanted.version) return `${name(path)} is ${installed.version}, package-lock.json wants ${wanted.version}`;
    if (wanted.integrity && installed.integrity && installed.integrity !== wanted.integrity) return `${name(path)} differs from package-lock.json`;
    // The hidden lockfile may outlive a folder someone deleted by hand.
    if (!existsSync(join(root, path, 'package.json'))) return `${name(path)} is missing from node_modules`;
  }
  for (const path of Object.keys(hidden.packages)) {
    if (!(path in lock.packages)) return `${name(path)} is installed but no longer in package-lock.json`;
  }
  return undefined;
}

/**
 * Runs `npm ci` when {@link staleReason} finds a reason, then checks again.
 * Returns false (after saying why) when the install failed.
 */
export function ensureDependencies(root) {
  const reason = staleReason(root);
  if (!reason) return true;
  const mismatch = manifestMismatch(root);
  if (mismatch) {
    console.error(`[hearth] package.json and package-lock.json disagree (${mismatch}): run \`npm install\` to update the lockfile.`);
    return false;
  }
  console.log(`[hearth] ${reason}: installing dependencies (npm ci)…`);
  const started = Date.now();
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[hearth] npm ci failed (exit ${result.status ?? result.signal ?? result.error?.message})`);
    return false;
  }
  const still = staleReason(root);
  if (still) {
    console.error(`[hearth] after npm ci: ${still}`);
    return false;
  }
  console.log(`[hearth] dependencies installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}

/** A direct dependency whose range in package.json is not the one the lockfile was made from. */
function manifestMismatch(root) {
  const manifest = readJson(join(root, 'package.json'));
  const locked = readJson(join(root, 'package-lock.json'))?.packages?.[''];
  if (!manifest || !locked) return 'one of them cannot be read';
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const want = manifest[field] ?? {};
    const have = locked[field] ?? {};
    for (const dep of new Set([...Object.keys(want), ...Object.keys(have)])) {
      if (want[dep] !== have[dep]) return `${field}.${dep}: ${want[dep] ?? 'absent'} vs ${have[dep] ?? 'absent'}`;
    }
  }
  return undefined;
}

function fitsPlatform(entry) {
  const fits = (list, value) => !list || (list.includes(value) || (list.every((v) => v.startsWith('!')) && !list.includes(`!${value}`)));
  return fits(entry.os, process.platform) && fits(entry.cpu, process.arch);
}

function name(path) {
  return path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

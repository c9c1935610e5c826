// When `npm start` / `npm test` decide to run `npm ci` on their own: a wrong
// "up to date" leaves a developer on stale packages, a wrong "stale" wipes
// node_modules on every run. Checked on throwaway folders laid out as npm does.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface Entry {
  version: string;
  integrity?: string;
  optional?: boolean;
  os?: string[];
}

describe('staleReason (does node_modules match package-lock.json?)', () => {
  // An ES module (it runs before TypeScript exists); this file is CommonJS.
  let staleReason: (root: string) => string | undefined;
  before(async () => {
    ({ staleReason } = await import('../../../scripts/ensureDependencies.mjs'));
  });
  let root: string;
  const lockEntries: Record<string, Entry> = {
    'node_modules/ollama': { version: '0.6.4', integrity: 'sha512-a' },
    'node_modules/ollama/node_modules/whatwg-fetch': { version: '3.6.20', integrity: 'sha512-b' },
    'node_modules/@esbuild/darwin-arm64': { version: '0.28.2', optional: true, os: ['darwin'] },
  };

  /** A project whose lockfile has `lock` and whose node_modules holds `installed` (each with its package.json). */
  function project(lock: Record<string, Entry>, installed: Record<string, Entry> | undefined): void {
    fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'p' }, ...lock } }));
    if (!installed) return;
    fs.mkdirSync(path.join(root, 'node_modules'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules/.package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: installed }));
    for (const [dir, entry] of Object.entries(installed)) {
      fs.mkdirSync(path.join(root, dir), { recursive: true });
      fs.writeFileSync(path.join(root, dir, 'package.json'), JSON.stringify({ version: entry.version }));
    }
  }
  const withoutOptional = (): Record<string, Entry> => {
    const { ['node_modules/@esbuild/darwin-arm64']: _skipped, ...rest } = lockEntries;
    return rest;
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-deps-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is up to date when every package is installed at its locked version (optional ones for other platforms may be absent)', () => {
    project(lockEntries, withoutOptional());
    assert.equal(staleReason(root), undefined);
  });

  it('is stale on a fresh clone (no node_modules) and after an install by something other than npm', () => {
    project(lockEntries, undefined);
    assert.equal(staleReason(root), 'node_modules is missing');
    fs.mkdirSync(path.join(root, 'node_modules'));
    assert.match(staleReason(root) ?? '', /not installed by npm/);
  });

  it('is stale when the lockfile moved a package to another version or tarball', () => {
    project({ ...lockEntries, 'node_modules/ollama': { version: '0.6.5', integrity: 'sha512-c' } }, withoutOptional());
    assert.equal(staleReason(root), 'ollama is 0.6.4, package-lock.json wants 0.6.5');
    project({ ...lockEntries, 'node_modules/ollama': { version: '0.6.4', integrity: 'sha512-c' } }, withoutOptional());
    assert.equal(staleReason(root), 'ollama differs from package-lock.json');
  });

  it('is stale when the lockfile gained a package, or lost one that is still installed', () => {
    project({ ...lockEntries, 'node_modules/marked': { version: '18.2.1' } }, withoutOptional());
    assert.equal(staleReason(root), 'marked is not installed');
    project(withoutOptional(), { ...withoutOptional(), 'node_modules/left-pad': { version: '1.3.0' } });
    assert.equal(staleReason(root), 'left-pad is installed but no longer in package-lock.json');
  });

  it('is stale when a package folder was deleted by hand although npm recorded it (nested paths named by their package)', () => {
    project(lockEntries, withoutOptional());
    fs.rmSync(path.join(root, 'node_modules/ollama/node_modules/whatwg-fetch'), { recursive: true });
    assert.equal(staleReason(root), 'whatwg-fetch is missing from node_modules');
  });

  it('is stale, not crashed, when either lockfile is not JSON', () => {
    project(lockEntries, withoutOptional());
    fs.writeFileSync(path.join(root, 'node_modules/.package-lock.json'), '{ truncated');
    assert.equal(staleReason(root), 'node_modules/.package-lock.json cannot be read');
    fs.writeFileSync(path.join(root, 'package-lock.json'), '<<<<<<< merge conflict');
    assert.equal(staleReason(root), 'package-lock.json cannot be read');
  });
});

// What `npm run package` checks in the VSIX it wrote: only what Hearth runs
// and what its extension page shows ships, everything the manifest and README
// point at is there, the README's install commands name this file, and it is
// under the size limit. Pure (entries in, problems out), so unit tests can
// hand it packages that break each rule (test/unit/scripts/vsixCheck.test.ts).

export const MAX_VSIX_BYTES = 600 * 1024;

/** What may ship, relative to the VSIX's extension/ folder (vsce adds LICENSE.txt for LICENSE). */
const TOP_LEVEL = ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt'];
/** vsce's own files beside extension/. */
const VSIX_FILES = new Set(['extension.vsixmanifest', '[Content_Types].xml']);
const shipped = (path) => TOP_LEVEL.includes(path) || /^media\/./.test(path) || /^dist\/[^/]+$/.test(path);
/** Build outputs that stay behind: source maps, and esbuild's per-bundle legal comments (ThirdPartyNotices.txt has the full texts). */
const leftBehind = (path) => /\.map$/.test(path) || /\.LEGAL\.txt$/.test(path);

/** Files in the repository that package.json's fields and the README point at (icons, walkthrough pages, screenshots). */
export function referencedFiles(manifest, readme) {
  const found = new Set();
  if (typeof manifest.main === 'string') found.add(manifest.main.replace(/^\.\//, ''));
  const visit = (value) => {
    if (typeof value === 'string') {
      const path = value.replace(/^\.\//, '');
      if (/^(media|dist)\/[^\s]+$/.test(path)) found.add(path);
    } else if (value && typeof value === 'object') {
      for (const v of Object.values(value)) visit(v);
    }
  };
  visit(manifest);
  for (const match of readme.matchAll(/(?:\]\(|src=")((?:media|dist)\/[^)"\s]+)/g)) found.add(match[1]);
  return [...found].sort();
}

/**
 * Everything wrong with a package, as sentences; empty when it may ship.
 * @param {{ entries: { name: string }[], bytes: number, fileName: string, manifest: object, readme: string }} vsix
 * @returns {string[]}
 */
export function vsixProblems({ entries, bytes, fileName, manifest, readme }) {
  const problems = [];
  const paths = new Set();
  for (const { name } of entries) {
    if (VSIX_FILES.has(name)) continue;
    if (!name.startsWith('extension/')) {
      problems.push(`unexpected ${name}`);
      continue;
    }
    const path = name.slice('extension/'.length);
    paths.add(path);
    if (!shipped(path) || leftBehind(path)) problems.push(`ships ${path}, which is not part of the extension`);
  }
  for (const path of referencedFiles(manifest, readme)) {
    if (!paths.has(path)) problems.push(`${path} is referenced but not in the package`);
  }
  for (const path of TOP_LEVEL) if (!paths.has(path)) problems.push(`${path} is missing`);
  if (!readme.includes(`--install-extension ${fileName}`)) problems.push(`README.md's install commands do not name ${fileName}`);
  if (bytes > MAX_VSIX_BYTES) problems.push(`the package is ${(bytes / 1024).toFixed(0)} KB, over ${MAX_VSIX_BYTES / 1024} KB`);
  return problems;
}

// What `npm run package` refuses to ship. Each case is a package vsce could
// really write from a wrong .vscodeignore, manifest or README: sources, tests,
// maps or tool folders let in; a file the manifest or README points at left
// out; README install commands naming another file; too big.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface VsixCheck {
  vsixProblems(vsix: { entries: { name: string }[]; bytes: number; fileName: string; manifest: object; readme: string }): string[];
  referencedFiles(manifest: object, readme: string): string[];
}

const manifest = {
  name: 'hearth',
  version: '1.2.3',
  main: './dist/extension.js',
  icon: 'media/icon.png',
  contributes: {
    viewsContainers: { activitybar: [{ id: 'hearth', icon: 'media/hearth.svg' }] },
    walkthroughs: [{ steps: [{ media: { markdown: 'media/walkthrough/ollama.md' } }] }],
  },
};
const readme = [
  '# Hearth',
  '![chat](media/screenshots/chat.png) <img src="media/screenshots/status.png">',
  'Install: `code --install-extension hearth-1.2.3.vsix`',
].join('\n');
/** A package that may ship: vsce's two files, the four top-level files, bundles and media. */
const good = [
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/webview.js',
  'extension/dist/codicons.woff2',
  'extension/dist/ThirdPartyNotices.txt',
  'extension/media/icon.png',
  'extension/media/hearth.svg',
  'extension/media/chat.css',
  'extension/media/walkthrough/ollama.md',
  'extension/media/screenshots/chat.png',
  'extension/media/screenshots/status.png',
];

describe('vsixProblems (what npm run package refuses to ship)', () => {
  // An ES module (the package script is plain JavaScript); this file is CommonJS.
  let check: VsixCheck;
  before(async () => {
    check = await import('../../../scripts/vsixCheck.mjs');
  });
  const problems = (names: readonly string[], over: { bytes?: number; readme?: string } = {}): string[] =>
    check.vsixProblems({
      entries: names.map((name) => ({ name })),
      bytes: over.bytes ?? 300 * 1024,
      fileName: 'hearth-1.2.3.vsix',
      manifest,
      readme: over.readme ?? readme,
    });

  it('passes a package of bundles, media and the four top-level files', () => {
    assert.deepEqual(problems(good), []);
  });

  it('names every file that is not part of the extension: sources, tests, tools, dependencies, maps, nested build output', () => {
    const strays = [
      'src/extension.ts',
      'test/unit/core/cache.test.ts',
      'bench/completion/runBench.ts',
      'scripts/package.mjs',
      '.ci/run',
      'node_modules/ollama/package.json',
      'out/integration/index.js',
      'tsconfig.json',
      '.vscodeignore',
      'dist/extension.js.map',
      'dist/extension.js.LEGAL.txt',
      'dist/integration/index.js',
      'media/',
    ];
    const found = problems([...good, ...strays.map((s) => `extension/${s}`)]);
    assert.deepEqual(
      found,
      strays.map((s) => `ships ${s}, which is not part of the extension`),
    );
  });

  it('names a file beside extension/ that vsce does not write', () => {
    assert.deepEqual(problems([...good, 'src/extension.ts']), ['unexpected src/extension.ts']);
  });

  it('names each file the manifest or README points at that is missing: main, icon, view icon, walkthrough page, screenshots', () => {
    for (const missing of ['dist/extension.js', 'media/icon.png', 'media/hearth.svg', 'media/walkthrough/ollama.md', 'media/screenshots/chat.png', 'media/screenshots/status.png']) {
      assert.deepEqual(
        problems(good.filter((n) => n !== `extension/${missing}`)),
        [`${missing} is referenced but not in the package`],
        missing,
      );
    }
  });

  it('names a missing README, changelog, licence or manifest', () => {
    for (const missing of ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt']) {
      assert.deepEqual(problems(good.filter((n) => n !== `extension/${missing}`)), [`${missing} is missing`], missing);
    }
  });

  it('refuses a README whose install commands name another package file', () => {
    const stale = readme.replace('hearth-1.2.3.vsix', 'hearth-1.2.2.vsix');
    assert.deepEqual(problems(good, { readme: stale }), ["README.md's install commands do not name hearth-1.2.3.vsix"]);
  });

  it('refuses a package over 600 KB, and takes one of exactly 600 KB', () => {
    assert.deepEqual(problems(good, { bytes: 600 * 1024 }), []);
    assert.deepEqual(problems(good, { bytes: 600 * 1024 + 1 }), ['the package is 600 KB, over 600 KB']);
    assert.deepEqual(problems(good, { bytes: 2 * 1024 * 1024 }), ['the package is 2048 KB, over 600 KB']);
  });

  it("finds what this repository's package.json and README point at, and every one of those files exists", () => {
    const root = path.join(__dirname, '../../..');
    const realManifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as object;
    const referenced = check.referencedFiles(realManifest, fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
    for (const file of ['dist/extension.js', 'media/icon.png', 'media/hearth.svg', 'media/walkthrough/models.md', 'media/screenshots/completion.png']) {
      assert.ok(referenced.includes(file), `${file} in ${referenced.join(', ')}`);
    }
    // dist/ is built; the rest is committed and must exist in the repository.
    const missing = referenced.filter((f) => !f.startsWith('dist/') && !fs.existsSync(path.join(root, f)));
    assert.deepEqual(missing, []);
  });
});

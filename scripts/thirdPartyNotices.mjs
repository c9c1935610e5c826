// Writes dist/ThirdPartyNotices.txt: the licence texts of every npm package
// bundled into what ships (dist/*.js and the codicon font). Their licences
// (MIT, BSD, Apache/MPL, CC-BY) ask for the notice to travel with copies, and
// a bundle keeps none of the packages' own files.
// The list comes from the build itself (out/bundled-packages.json, written by
// esbuild.mjs from its metafile), so a new dependency cannot be forgotten.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const licenceFile = /^(licen[cs]e|copying|notice)([-.].*)?$/i;

/** Writes the notices and returns the packages they cover, as `name@version`. */
export function writeThirdPartyNotices(root, outFile) {
  const listFile = join(root, 'out/bundled-packages.json');
  if (!existsSync(listFile)) throw new Error('out/bundled-packages.json is missing: build with esbuild.mjs first');
  const bundles = JSON.parse(readFileSync(listFile, 'utf8'));
  const usedBy = new Map();
  for (const [bundle, packages] of Object.entries(bundles)) {
    for (const name of packages) usedBy.set(name, [...(usedBy.get(name) ?? []), bundle]);
  }

  const sections = [];
  const covered = [];
  for (const name of [...usedBy.keys()].sort()) {
    const dir = join(root, 'node_modules', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const files = readdirSync(dir).filter((f) => licenceFile.test(f)).sort();
    if (files.length === 0) throw new Error(`${name} has no licence file to ship a notice from`);
    const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim());
    const rule = '='.repeat(78);
    sections.push(
      [
        rule,
        `${name} ${manifest.version} (${manifest.license ?? 'licence in the text below'})`,
        `in ${usedBy.get(name).join(', ')}`,
        rule,
        texts.join('\n\n' + '-'.repeat(78) + '\n\n'),
      ].join('\n'),
    );
    covered.push(`${name}@${manifest.version}`);
  }
  const head = 'Hearth bundles the following open-source packages. Their licences follow.\n';
  writeFileSync(outFile, [head, ...sections].join('\n\n') + '\n');
  return covered;
}

// Renders media/icon.png, the 128×128 extension icon the marketplaces and the
// Extensions view show (they take PNG, not SVG), from the activity-bar glyph
// in media/hearth.svg: the same house and flame, drawn light on a warm tile.
//   npx tsx scripts/renderIcon.ts        (the output is committed; rerun after changing the glyph)
// Uses the headless Chromium the tests already drive.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, repoRoot } from '../test/support/codeServer';

const size = 128;
/** Also the manifest's galleryBanner colour, so icon and banner match. */
const tile = '#2b1a12';
const house = '#f6e7d3';
const flame = '#ff9a3c';

/** The glyph's <path> elements; the last one is the flame. */
function glyphPaths(svg: string): string[] {
  const paths = [...svg.matchAll(/<path d="([^"]+)"\s*\/>/g)].map((m) => m[1] ?? '');
  if (paths.length < 2) throw new Error('media/hearth.svg: expected the house paths and the flame path');
  return paths;
}

function iconSvg(paths: string[]): string {
  const flamePath = paths.at(-1);
  const housePaths = paths.slice(0, -1);
  // The glyph is drawn on a 24-unit grid; 3.6× fills the tile with a margin.
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect width="${size}" height="${size}" rx="26" fill="${tile}"/>
  <g transform="translate(20.8 19) scale(3.6)" fill="none" stroke-linecap="round" stroke-linejoin="round">
    ${housePaths.map((d) => `<path d="${d}" stroke="${house}" stroke-width="1.7"/>`).join('\n    ')}
    <path d="${flamePath}" fill="${flame}" stroke="${flame}" stroke-width="1.2"/>
  </g>
</svg>`;
}

async function main(): Promise<void> {
  const svg = iconSvg(glyphPaths(fs.readFileSync(path.join(repoRoot, 'media/hearth.svg'), 'utf8')));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const out = path.join(repoRoot, 'media/icon.png');
    await page.locator('svg').screenshot({ path: out, omitBackground: true });
    console.log(`[hearth] ${path.relative(repoRoot, out)}: ${size}×${size}, ${fs.statSync(out).size} bytes`);
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

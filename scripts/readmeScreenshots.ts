// Makes the README's screenshots (media/screenshots/*.png, committed, and
// shipped in the VSIX beside the README that links them) from the ones the
// end-to-end tier takes of the real workbench (test-results/e2e/): each
// cropped to what it shows and scaled down, to stay small (≤ 60 KB).
//   npx tsx scripts/readmeScreenshots.ts [--from test-results/e2e] [--only agent-run.png,…]   (after `npm run test:e2e`)
// Uses the headless Chromium the tests already drive.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, repoRoot } from '../test/support/codeServer';

interface Shot {
  /** The e2e tier's file. */
  readonly from: string;
  readonly to: string;
  /** The part to keep, in the source's pixels (the e2e viewport is 1400×900). */
  readonly crop: { x: number; y: number; width: number; height: number };
  readonly scale: number;
}

const shots: readonly Shot[] = [
  // Ghost text after `compute`, in the editor: tab, breadcrumbs, five lines.
  { from: 'completion-ghost-text.png', to: 'completion.png', crop: { x: 352, y: 36, width: 760, height: 190 }, scale: 0.8 },
  // The Chat tab beside the file it talks about: question, streamed answer with code actions, composer.
  { from: 'chat-answer-light.png', to: 'chat.png', crop: { x: 0, y: 36, width: 860, height: 864 }, scale: 0.6 },
  // The Status tab: connection and the installed models with their capabilities and roles.
  { from: 'setup-models-list.png', to: 'status.png', crop: { x: 0, y: 36, width: 350, height: 830 }, scale: 0.7 },
  // Agent mode: an edit waiting for approval in the chat, its diff in the editor beside it.
  { from: 'agent-approval-edit.png', to: 'agent-approval.png', crop: { x: 0, y: 36, width: 900, height: 480 }, scale: 0.6 },
  // A finished agent run: the step cards (the test command's output open), the changed files with Undo, the answer.
  { from: 'agent-summary.png', to: 'agent-run.png', crop: { x: 0, y: 36, width: 345, height: 640 }, scale: 0.8 },
];
const maxBytes = 60 * 1024;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const fromDir = path.resolve(option('--from') ?? path.join(repoRoot, 'test-results/e2e'));
  const outDir = path.join(repoRoot, 'media/screenshots');
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await launchBrowser();
  try {
    // --only: remake some (e.g. after running one e2e file), leaving the others as committed.
    const only = option('--only')?.split(',');
    for (const shot of shots.filter((s) => only === undefined || only.includes(s.to))) {
      const source = path.join(fromDir, shot.from);
      if (!fs.existsSync(source)) throw new Error(`${source} is missing: run the e2e tier first (npm run test:e2e)`);
      const { crop, scale } = shot;
      const width = Math.round(crop.width * scale);
      const height = Math.round(crop.height * scale);
      const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
      const data = fs.readFileSync(source).toString('base64');
      // The source scaled as a whole, shifted so the crop sits at the origin;
      // the browser's resampling keeps small text legible.
      await page.setContent(
        `<html><body style="margin:0;overflow:hidden"><img src="data:image/png;base64,${data}" style="position:absolute;left:${-crop.x * scale}px;top:${-crop.y * scale}px;width:${1400 * scale}px;height:${900 * scale}px"></body></html>`,
      );
      await page.locator('img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
      const out = path.join(outDir, shot.to);
      await page.screenshot({ path: out, clip: { x: 0, y: 0, width, height } });
      await page.close();
      const bytes = fs.statSync(out).size;
      console.log(`[hearth] ${path.relative(repoRoot, out)}: ${width}×${height}, ${(bytes / 1024).toFixed(1)} KB${bytes > maxBytes ? ' — over 60 KB' : ''}`);
      if (bytes > maxBytes) process.exitCode = 1;
    }
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

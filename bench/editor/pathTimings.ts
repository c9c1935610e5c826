import type { Attribution } from './ghostAttribution';
import type { Pause } from './pauses';
import type { SessionRun } from './sessionRun';

/**
 * Per shown request: from its end at the daemon to its answer first on
 * screen (post-processing, the extension host → workbench hop, rendering).
 * Slightly negative when the daemon noted the client's close after the
 * client already had the text.
 */
export function answerToScreenMs(run: SessionRun, attribution: Attribution): number[] {
  const seen = new Set<number>();
  const delays: number[] = [];
  for (const ghost of attribution.ghosts) {
    if (ghost.requestId === undefined || seen.has(ghost.requestId)) continue;
    seen.add(ghost.requestId);
    const endedAt = run.requests.find((r) => r.id === ghost.requestId)?.endedAt;
    if (endedAt !== undefined) delays.push(Math.round(ghost.at - endedAt));
  }
  return delays;
}

/**
 * For each pause the user enters while the daemon's slot is held by a
 * request about another position whose answer never shows: how long it
 * kept the slot into the pause. Whatever asks about the pause waits that long.
 */
export function staleSlotAtPauses(run: SessionRun, attribution: Attribution, pauses: readonly Pause[]): number[] {
  const held: number[] = [];
  for (const pause of pauses) {
    const blocker = run.requests.find(
      (r) =>
        !attribution.shown.has(r.id) &&
        attribution.anchors.get(r.id)?.state !== pause.state &&
        r.slotAt !== undefined &&
        r.slotAt <= pause.start &&
        (r.endedAt ?? run.endAt) > pause.start,
    );
    if (blocker !== undefined) held.push(Math.round((blocker.endedAt ?? run.endAt) - pause.start));
  }
  return held;
}

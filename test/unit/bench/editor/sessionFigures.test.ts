import * as assert from 'node:assert/strict';
import { BACKSPACE, ENTER } from '../../../../bench/editor/editorModel';
import { attributeGhosts } from '../../../../bench/editor/ghostAttribution';
import { headline, sessionFigures } from '../../../../bench/editor/sessionFigures';
import { combineRuns } from '../../../../bench/editor/sessionRun';
import { wasteBreakdown, whatIf } from '../../../../bench/editor/wasteBreakdown';
import { fixtureRequest, fixtureRun, fixtureScript } from './fixtures';

// Enter at 200, x 300, y 420, (pause) z 1420, = 1520, (pause) end 3520.
const script = fixtureScript('const a = 1;\n', { line: 1, column: 13 }, [
  [ENTER, 200],
  ['x', 100],
  ['y', 120],
  ['z', 1000],
  ['=', 100],
]);
// Asked right after Enter, closed before its first token when x came.
const stale = fixtureRequest(script, 1, { id: 1, startedAt: 260, endedAt: 310 }, '', { outcome: 'clientClosed' });
// Asked in the pause after "xy"; the user then types its "z" and stops agreeing at "=".
const answered = fixtureRequest(script, 3, { id: 2, startedAt: 700, firstTokenAt: 850, endedAt: 950 }, 'z = 42;\nreturn');
const last = fixtureRequest(script, 5, { id: 3, startedAt: 1800, firstTokenAt: 1950, endedAt: 2100 }, ' 7;');
const ghosts = [
  { at: 980, text: 'z = 42;' },
  { at: 1425, text: ' = 42;' },
  { at: 1530, text: '' },
  { at: 2150, text: ' 7;' },
];

describe('editor benchmark: joining ghost text with requests', () => {
  it('attributes each ghost to the request whose answer it is, through typing along it', () => {
    const attribution = attributeGhosts(fixtureRun(script, ghosts, [stale, answered, last]));
    assert.deepEqual(
      attribution.ghosts.map((g) => g.requestId),
      [2, 2, undefined, 3],
    );
    assert.deepEqual([...attribution.shown].sort(), [2, 3]);
    assert.deepEqual(attribution.anchors.get(1), { state: 1, afterLine: false });
  });

  it('counts pauses, how soon a suggestion showed, and the generation nobody saw', () => {
    const f = sessionFigures(fixtureRun(script, ghosts, [stale, answered, last]));
    assert.deepEqual(
      f.pauses.map((p) => [p.state, p.start, p.end, p.shownAt, p.servedBy]),
      [
        [3, 420, 1420, 980, 2],
        [5, 1520, 3520, 2150, 3],
      ],
    );
    assert.equal(f.pauseCoveragePct, 100);
    assert.equal(f.pauseToGhostP50Ms, 560);
    assert.equal(f.pauseToGhostP95Ms, 630);
    assert.equal(f.requests, 3);
    assert.equal(f.requestsMidTyping, 1);
    assert.equal(f.requestsAborted, 1);
    assert.equal(f.requestsClosedInPrefill, 1);
    assert.equal(f.generationMs, 50 + 250 + 300);
    assert.equal(f.wastedGenerationPct, 8.3);
    assert.equal(f.documentExact, true);
    assert.equal(f.unexplainedGhosts, 0);
    const facts = f.facts.find((x) => x.id === 1);
    assert.deepEqual(
      facts && [facts.midTyping, facts.sinceKeyMs, facts.untilNextStepMs, facts.heldAfterNextStepMs, facts.end, facts.shown, facts.afterWordChar],
      [true, 60, 40, 10, 'closedInPrefill', false, false],
    );
    assert.deepEqual(
      f.pauses.map((p) => p.afterWordChar),
      [true, false],
      'after "xy" inside a word, after "=" not',
    );
  });

  it('does not count a ghost left over from before the keystroke that contradicts it', () => {
    const f = sessionFigures(fixtureRun(script, ghosts.slice(0, 3), [stale, answered]));
    assert.equal(f.pauses[1]?.shownAt, undefined, "the ' = 42;' still drawn when '=' arrived is not a suggestion for the new text");
    assert.equal(f.pauseCoveragePct, 50);
  });

  it('a suggestion typed through into a pause serves it, from the request that produced it', () => {
    const typedThrough = fixtureScript('const a = 1;\n', { line: 1, column: 13 }, [
      [ENTER, 200],
      ['x', 100],
      ['y', 120],
      ['z', 1000],
      ['=', 900],
    ]);
    const request = fixtureRequest(typedThrough, 3, { id: 7, startedAt: 700, firstTokenAt: 850, endedAt: 950 }, 'z = 42;');
    const f = sessionFigures(fixtureRun(typedThrough, ghosts.slice(0, 2), [request]));
    assert.deepEqual(
      f.pauses.map((p) => [p.start, p.shownAt, p.servedBy]),
      [
        [420, 980, 7],
        [1420, 1425, 7],
        [2320, undefined, undefined],
      ],
    );
  });

  it('a ghost shown again from a cache after Backspace counts for the request that first produced it', () => {
    const cached = fixtureScript('let v = ', { line: 1, column: 9 }, [
      ['x', 150],
      ['q', 900],
      [BACKSPACE, 300],
    ]);
    const request = fixtureRequest(cached, 1, { id: 4, startedAt: 450, firstTokenAt: 600, endedAt: 700 }, ' + 1;');
    const f = sessionFigures(
      fixtureRun(
        cached,
        [
          { at: 720, text: ' + 1;' },
          { at: 1060, text: '' },
          { at: 1370, text: ' + 1;' },
        ],
        [request],
      ),
    );
    assert.deepEqual(
      f.pauses.map((p) => [p.shownAt, p.servedBy]),
      [
        [720, 4],
        [1370, 4],
      ],
    );
    assert.equal(f.wastedGenerationPct, 0);
  });

  it('places a request for what follows a complete line at the end of the cursor line', () => {
    const midLine = fixtureScript('call(a, b);\n', { line: 1, column: 6 }, [['x', 150]]);
    const request = fixtureRequest(midLine, 1, { id: 9, startedAt: 400, firstTokenAt: 560, endedAt: 640 }, '\nnext();', { afterLine: true });
    const run = fixtureRun(midLine, [{ at: 700, text: '\nnext();' }], [request]);
    assert.deepEqual(attributeGhosts(run).anchors.get(9), { state: 1, afterLine: true });
    assert.equal(sessionFigures(run).pauses[0]?.servedBy, 9);
  });

  it('reports ghosts no request explains, requests no state explains, and a document that differs', () => {
    const stray = fixtureRequest(script, 1, { id: 5, startedAt: 2000, firstTokenAt: 2100, endedAt: 2200 }, 'zzz');
    const f = sessionFigures(
      fixtureRun(script, [{ at: 2300, text: 'out of nowhere' }], [{ ...stray, prompt: '<|fim_prefix|>elsewhere<|fim_suffix|><|fim_middle|>' }], 'const a = 1;\nxyz'),
    );
    assert.equal(f.unexplainedGhosts, 1);
    assert.equal(f.unplacedRequests, 1);
    assert.equal(f.pauseCoveragePct, 0);
    assert.equal(f.documentExact, false);
    assert.equal(f.wastedGenerationPct, 100);
  });

  it('times the way from answer to screen, and a stale request still holding the slot when a pause begins', () => {
    const holding = fixtureRequest(script, 2, { id: 6, startedAt: 390, slotAt: 400, firstTokenAt: 560, endedAt: 600 }, 'q', { outcome: 'clientClosed' });
    const f = sessionFigures(fixtureRun(script, ghosts, [stale, holding, answered, last]));
    assert.deepEqual(f.answerToScreenMs, [30, 50]);
    assert.deepEqual(f.staleSlotIntoPauseMs, [180], 'the request about "x" held the slot 180 ms into the pause after "xy"');
    assert.deepEqual(sessionFigures(fixtureRun(script, ghosts, [stale, answered, last])).staleSlotIntoPauseMs, []);
  });

  it('what-if: a request that reached the daemon after the next key counts as stale on arrival', () => {
    const base = { end: 'closedStreaming' as const, sinceKeyMs: 400, queuedMs: 0, whileShown: false, afterWordChar: true, tokens: 2 };
    const facts = [
      { ...base, id: 1, shown: false, midTyping: true, untilNextStepMs: -50, lifeMs: 100, generationMs: 100, heldAfterNextStepMs: 100 },
      { ...base, id: 2, shown: true, midTyping: false, untilNextStepMs: 900, lifeMs: 300, generationMs: 300, heldAfterNextStepMs: 0, end: 'done' as const },
    ];
    assert.deepEqual(whatIf(facts), { nowPct: 25, noMidTypingPct: 0, abortAtNextKeyPct: 0, noStaleOnArrivalPct: 0 });
    assert.equal(wasteBreakdown(facts).staleOnArrival, 1);
  });

  it('means over sessions for the final JSON, and where the waste went', () => {
    const a = sessionFigures(fixtureRun(script, ghosts, [stale, answered, last]));
    const b = sessionFigures(fixtureRun(script, ghosts.slice(0, 3), [stale, answered]));
    assert.deepEqual(headline([a, b]), {
      pause_coverage_pct: 75,
      pause_to_ghost_p50_ms: 560,
      pause_to_ghost_p95_ms: 595,
      requests: 2.5,
      requests_mid_typing: 1,
      wasted_generation_pct: Number(((8.3 + 16.7) / 2).toFixed(1)),
    });
    const w = wasteBreakdown([...a.facts, ...b.facts]);
    assert.equal(w.wasted, 2);
    assert.equal(w.midTyping, 2);
    assert.equal(w.endedInPrefill, 2);
    assert.equal(w.heldAfterKeyTotalMs, 20);
    assert.deepEqual([w.midTypingAll, w.midTypingShown, w.midTypingWastedPct, w.midTypingWastedAfterKeyPct], [2, 0, 100, 20]);
    // 50 ms of the 600 were wasted; 10 of them after the next key; the request was not stale on arrival.
    assert.deepEqual(whatIf(a.facts), { nowPct: 8.3, noMidTypingPct: 0, abortAtNextKeyPct: 6.8, noStaleOnArrivalPct: 8.3 });
  });

  it('saved runs reported together take each configuration from the first run that has it', () => {
    const hearthAfter = fixtureRun(script, ghosts, [answered]);
    const hearthBefore = fixtureRun(script, ghosts, [stale, answered, last]);
    const naiveBefore = { ...fixtureRun(script, ghosts, [stale]), config: 'naive' as const };
    const runs = combineRuns([[hearthAfter], [hearthBefore, naiveBefore]]);
    assert.deepEqual(runs, [hearthAfter, naiveBefore], 'the earlier Hearth sessions are not counted twice');
  });
});

// The soak's verdict: which invariants broke, how heap growth is read, and
// that the last line carries every figure.
import * as assert from 'node:assert/strict';
import { brokenInvariants, finalJson, heapGrowthMb, reportLines, type SoakFigures } from '../../../../bench/soak/soakReport';
import { FAULT_KINDS } from '../../../../bench/soak/soakSchedule';

const healthy: SoakFigures = {
  seed: 11,
  minutes: 10,
  requests: { '/api/generate': 300, '/api/chat': 40, '/api/version': 90 },
  faults: { refused: 2, restart: 3, hang: 2, status500: 3 },
  unhandledRejections: [],
  peakSockets: 4,
  socketBound: 10,
  heap: [
    { atMs: 0, usedMb: 40 },
    { atMs: 30_000, usedMb: 44 },
    { atMs: 570_000, usedMb: 46 },
    { atMs: 600_000, usedMb: 48 },
  ],
  messagesSent: 25,
  messagesPersisted: 25,
  longestTaskMs: 80,
  recoveries: [
    { fault: 'restart', ms: 2_500 },
    { fault: 'refused', ms: 4_100 },
  ],
  completionsShown: 60,
  chatsAnswered: 18,
};

describe('soak report', () => {
  it('holds when nothing is lost, nothing rejected unhandled, sockets within bound and every restart recovered', () => {
    assert.deepEqual(brokenInvariants(healthy), []);
    assert.match(reportLines(healthy).at(-1) ?? '', /all held/);
  });

  it('names each broken invariant', () => {
    const cases: [Partial<SoakFigures>, RegExp][] = [
      [{ unhandledRejections: ['Error: boom\n    at x'] }, /1 unhandled rejection/],
      [{ messagesPersisted: 24 }, /25 messages sent but 24 persisted/],
      [{ messagesPersisted: 26 }, /25 messages sent but 26 persisted/],
      [{ peakSockets: 11 }, /11 sockets open at once to the daemon, above the bound of 10/],
      [{ recoveries: [{ fault: 'restart', ms: undefined }, { fault: 'refused', ms: 300 }] }, /1 of 2 daemon restarts were never followed/],
    ];
    for (const [change, message] of cases) {
      const broken = brokenInvariants({ ...healthy, ...change });
      assert.equal(broken.length, 1, JSON.stringify(change));
      assert.match(broken[0] ?? '', message);
    }
    assert.equal(brokenInvariants({ ...healthy, peakSockets: 10 }).length, 0, 'the bound itself is allowed');
  });

  it('reads heap growth as the last minute against the first', () => {
    assert.deepEqual(heapGrowthMb(healthy.heap), { firstMb: 42, lastMb: 47, growthMb: 5 });
    assert.deepEqual(heapGrowthMb([]), { firstMb: 0, lastMb: 0, growthMb: 0 });
    // A short run: both minutes are the whole run.
    assert.equal(heapGrowthMb([{ atMs: 0, usedMb: 10 }, { atMs: 20_000, usedMb: 20 }]).growthMb, 0);
  });

  it('ends with one JSON object holding every figure', () => {
    const json = finalJson({ ...healthy, recoveries: [...healthy.recoveries, { fault: 'restart', ms: undefined }] });
    assert.equal(json.requests, 430);
    assert.equal(json.faults_injected, 10);
    assert.deepEqual(Object.keys(json.faults as object), [...FAULT_KINDS]);
    assert.equal(json.unhandled_rejections, 0);
    assert.equal(json.peak_open_sockets, 4);
    assert.equal(json.heap_growth_mb, 5);
    assert.equal(json.messages_sent, 25);
    assert.equal(json.messages_persisted, 25);
    assert.equal(json.longest_view_task_ms, 80);
    assert.deepEqual(json.recovery_ms, [2500, 4100, null]);
    assert.equal(json.worst_recovery_ms, 4100);
    assert.equal(json.invariants_held, false);
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(json)));
  });

  it('prints the rejections it found and the recoveries that never came', () => {
    const text = reportLines({ ...healthy, unhandledRejections: ['Error: lost\n    at a\n    at b'], recoveries: [{ fault: 'restart', ms: undefined }] }).join('\n');
    assert.match(text, /unhandled rejections\s+1\n\s+Error: lost/);
    assert.match(text, /restart NEVER/);
    assert.match(text, /INVARIANTS BROKEN/);
  });
});

// The soak's plan comes from its seed alone, covers every fault kind, and
// leaves time at the end for what is in flight to settle.
import * as assert from 'node:assert/strict';
import { FAULT_KINDS, scheduleCounts, SETTLE_MS, soakSchedule } from '../../../../bench/soak/soakSchedule';

describe('soak schedule', () => {
  it('is the same for the same seed and length, and differs for another seed', () => {
    assert.deepEqual(soakSchedule(7, 3), soakSchedule(7, 3));
    assert.notDeepEqual(soakSchedule(7, 3), soakSchedule(8, 3));
  });

  it('keeps its steps in order, inside the run, with the last SETTLE_MS left quiet', () => {
    for (const minutes of [1, 3, 10]) {
      const steps = soakSchedule(42, minutes);
      assert.ok(steps.length > 0);
      for (let i = 1; i < steps.length; i++) assert.ok((steps[i]?.atMs ?? 0) > (steps[i - 1]?.atMs ?? 0), 'in order');
      assert.ok((steps.at(-1)?.atMs ?? Infinity) < minutes * 60_000 - SETTLE_MS, 'the end is quiet');
      assert.ok((steps[0]?.atMs ?? 0) > 0);
    }
  });

  it('plays every fault kind in a three-minute run, for any seed tried', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const counts = scheduleCounts(soakSchedule(seed, 3));
      const faults = Object.entries(counts).filter(([key]) => key.startsWith('fault:')).reduce((sum, [, n]) => sum + n, 0);
      // Every kind comes once per full round of faults.
      if (faults >= FAULT_KINDS.length) for (const kind of FAULT_KINDS) assert.ok((counts[`fault:${kind}`] ?? 0) >= 1, `seed ${seed} lacks ${kind}`);
    }
    const counts = scheduleCounts(soakSchedule(11, 10));
    for (const kind of FAULT_KINDS) assert.ok((counts[`fault:${kind}`] ?? 0) >= 2, `the ten-minute run has ${kind} at least twice`);
    for (const kind of ['type', 'chat', 'stop', 'reload']) assert.ok((counts[kind] ?? 0) >= 3, `the ten-minute run has ${kind}`);
  });

  it('sends a huge reply and a slow stream only to the chat; others to either feature', () => {
    const faults = soakSchedule(5, 30).flatMap((s) => (s.action.kind === 'fault' ? [s.action] : []));
    for (const f of faults) if (f.fault === 'hugeReply' || f.fault === 'slowStream') assert.equal(f.target, 'chat');
    const targets = new Set(faults.filter((f) => f.fault !== 'hugeReply' && f.fault !== 'slowStream').map((f) => f.target));
    assert.deepEqual([...targets].sort(), ['chat', 'completion']);
  });

  it('refuses a run of no length', () => {
    assert.throws(() => soakSchedule(1, 0), /positive length/);
    assert.throws(() => soakSchedule(1, Number.NaN), /positive length/);
  });
});

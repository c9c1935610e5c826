import * as assert from 'node:assert/strict';
import { formatSize } from '../../../src/shared/formatSize';
import { PullProgressTracker } from '../../../src/core/pullProgressTracker';

const BIG = 'sha256:3f2a1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd';
const SMALL = 'sha256:aa11bb22cc33dd44ee55ff6600112233445566778899aabbccddeeff00112233';

describe('PullProgressTracker', () => {
  it('shows the layer percent and bytes, and moves the bar by the overall share', () => {
    const t = new PullProgressTracker();
    assert.deepEqual(t.update({ status: 'pulling manifest' }), { message: 'pulling manifest', increment: 0 });
    assert.deepEqual(t.update({ status: 'pulling 3f2a1b2c3d4e', digest: BIG, total: 2_900_000_000 }), {
      message: 'pulling 3f2a1b2c… 0% (0 B of 2.9 GB)', increment: 0,
    });
    const step = t.update({ status: 'pulling 3f2a1b2c3d4e', digest: BIG, total: 2_900_000_000, completed: 1_200_000_000 });
    assert.equal(step.message, 'pulling 3f2a1b2c… 41% (1.2 GB of 2.9 GB)');
    assert.ok(Math.abs(step.increment - 41.379) < 0.01, String(step.increment));
  });

  it('never moves the bar back when a new layer appears, and ends at 100', () => {
    const t = new PullProgressTracker();
    let total = 0;
    total += t.update({ status: 'x', digest: BIG, total: 1000, completed: 1000 }).increment;
    assert.equal(total, 100);
    const next = t.update({ status: 'x', digest: SMALL, total: 500 });
    assert.equal(next.increment, 0);
    assert.match(next.message, /pulling aa11bb22… 0% \(0 B of 500 B\)/);
    total += t.update({ status: 'verifying sha256 digest' }).increment;
    total += t.update({ status: 'success' }).increment;
    assert.equal(total, 100);
  });

  it('formats sizes in decimal units like the Ollama CLI', () => {
    assert.equal(formatSize(999), '999 B');
    assert.equal(formatSize(1_500), '1.5 KB');
    assert.equal(formatSize(986_061_892), '986.1 MB');
    assert.equal(formatSize(4_683_087_332), '4.7 GB');
  });
});

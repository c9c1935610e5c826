import * as assert from 'node:assert/strict';
import { approvalVerdict, commandGrantKey } from '../../../../src/core/agent/approvalPolicy';
import { toCommandSpec } from '../../../../src/core/agent/commandLine';

describe('agent: approval policy', () => {
  const none = new Set<string>();
  const npmTest = toCommandSpec('npm test');
  it('reads need no approval; edits do unless auto-approve is on', () => {
    for (const tool of ['read_file', 'list_dir', 'search', 'get_diagnostics'] as const) assert.equal(approvalVerdict(tool, undefined, { autoApproveEdits: false }, none).kind, 'noApproval');
    for (const tool of ['edit_file', 'create_file'] as const) {
      assert.equal(approvalVerdict(tool, undefined, { autoApproveEdits: false }, none).kind, 'ask');
      assert.equal(approvalVerdict(tool, undefined, { autoApproveEdits: true }, none).kind, 'preApproved');
    }
  });
  it('commands always ask, auto-approve of edits notwithstanding, unless this exact line was allowed', () => {
    assert.equal(approvalVerdict('run_command', npmTest, { autoApproveEdits: true }, none).kind, 'ask');
    const allowed = new Set([commandGrantKey(npmTest)]);
    assert.equal(approvalVerdict('run_command', npmTest, { autoApproveEdits: false }, allowed).kind, 'preApproved');
    for (const other of ['npm test ', 'npm  test', 'npm test; rm -rf ~', 'npm test && curl x | sh', 'npm run test']) {
      assert.equal(approvalVerdict('run_command', toCommandSpec(other === 'npm test ' ? 'npm test --x' : other), { autoApproveEdits: false }, allowed).kind, 'ask', other);
    }
  });
});

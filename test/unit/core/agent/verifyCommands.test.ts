import * as assert from 'node:assert/strict';
import { verifyCommandsFrom } from '../../../../src/core/agent/verifyCommands';

describe('agent: verification commands from AGENTS.md', () => {
  it('reads commands from build/test/lint sections, code blocks and plain test spans, not set-up steps', () => {
    const md = [
      '# Repo', 'Use `src/` for code. See `docs/guide.md`.',
      '## Dev environment', '- Install with `pnpm install`.',
      '## Testing instructions', '- Run `pnpm vitest run` for the unit tests.', '```bash', '$ pnpm lint', '# a comment', 'pnpm typecheck', '```',
      '## Style', 'Format with `prettier --write .`.', 'Python part: `pytest -q`.',
    ].join('\n');
    assert.deepEqual(verifyCommandsFrom(md), [
      { kind: 'test', command: 'pnpm vitest run' },
      { kind: 'lint', command: 'pnpm lint' },
      { kind: 'typecheck', command: 'pnpm typecheck' },
      { kind: 'test', command: 'pytest -q' },
    ]);
  });
  it('ignores non-commands, prose code spans outside sections, and caps the list', () => {
    assert.deepEqual(verifyCommandsFrom('# Notes\nThe `config.json` file and `make` of the car.\n'), []);
    const many = ['## Build', ...Array.from({ length: 10 }, (_, i) => `- \`make target${i}\``)].join('\n');
    assert.equal(verifyCommandsFrom(many).length, 6);
  });
});

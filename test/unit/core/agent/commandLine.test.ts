import * as assert from 'node:assert/strict';
import { joinCommandLine, splitWords, toCommandSpec } from '../../../../src/core/agent/commandLine';

describe('agent: command lines (the runner contract)', () => {
  it('splits plain lines into argv without expanding anything', () => {
    assert.deepEqual(toCommandSpec('npm test -- --grep "adds two"'), { kind: 'argv', line: 'npm test -- --grep "adds two"', argv: ['npm', 'test', '--', '--grep', 'adds two'] });
    assert.deepEqual(splitWords(`echo 'a b' c\\ d "e\\"f"`), ['echo', 'a b', 'c d', 'e"f']);
  });
  it('sends anything a shell would interpret to the shell, as the exact line', () => {
    for (const line of ['npm test | tee log', 'cd pkg && npm test', 'rm -rf $HOME', 'ls *.ts', 'echo `id`', 'FOO=1 npm test', 'echo "$(id)"', 'cat < /etc/passwd', 'a; b', "echo 'open"]) {
      assert.deepEqual(toCommandSpec(line), { kind: 'shell', line }, line);
    }
  });
  it('joins argv back into a line that splits the same', () => {
    const argv = ['node', '-e', "console.log('hi there')", 'a b', ''];
    assert.deepEqual(splitWords(joinCommandLine(argv)), argv);
  });
});

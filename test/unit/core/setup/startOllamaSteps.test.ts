import * as assert from 'node:assert/strict';
import { startOllamaSteps } from '../../../../src/core/setup/startOllamaSteps';

const LOCAL = { url: 'http://127.0.0.1:11434', isLoopback: true };

describe('startOllamaSteps', () => {
  it('Linux: the install script, the systemd service, or ollama serve', () => {
    const help = startOllamaSteps('linux', LOCAL);
    assert.equal(help.platform, 'Linux');
    assert.deepEqual(help.steps.map((s) => s.command), ['curl -fsSL https://ollama.com/install.sh | sh', 'sudo systemctl start ollama', 'ollama serve']);
  });

  it('macOS: the app (menu bar) or Homebrew', () => {
    const help = startOllamaSteps('darwin', LOCAL);
    assert.equal(help.platform, 'macOS');
    assert.match(help.steps.map((s) => s.text).join(' '), /Applications: it runs in the menu bar/);
    assert.ok(help.steps.some((s) => s.command === 'brew install ollama'));
  });

  it('Windows: the installer and the Start menu', () => {
    const help = startOllamaSteps('win32', LOCAL);
    assert.equal(help.platform, 'Windows');
    const text = help.steps.map((s) => s.text).join(' ');
    assert.match(text, /installer from https:\/\/ollama\.com\/download/);
    assert.match(text, /Start menu/);
  });

  it('another OS: the download page and ollama serve', () => {
    const help = startOllamaSteps('freebsd', LOCAL);
    assert.equal(help.platform, 'freebsd');
    assert.deepEqual(help.steps.map((s) => s.command).filter(Boolean), ['ollama serve']);
  });

  it('a daemon on another machine: start it there, listening on the network; installing here would not help', () => {
    const help = startOllamaSteps('linux', { url: 'http://gpu-box:11434', isLoopback: false });
    assert.equal(help.platform, 'another machine');
    assert.match(help.steps[0]?.text ?? '', /http:\/\/gpu-box:11434/);
    assert.equal(help.steps[0]?.command, 'OLLAMA_HOST=0.0.0.0 ollama serve');
    assert.ok(!help.steps.some((s) => s.command?.includes('install.sh')));
  });
});

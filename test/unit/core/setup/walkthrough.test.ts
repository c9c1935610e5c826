import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETUP_CONTEXT_KEYS } from '../../../../src/core/setup/walkthroughKeys';

// The walkthrough lives in package.json; its steps complete on context keys the
// code sets and on commands the code registers. This holds the two together.

interface Step { id: string; description: string; media: { markdown?: string }; completionEvents: string[]; when?: string }
const root = join(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { walkthroughs: { id: string; steps: Step[] }[]; commands: { command: string }[] };
};
const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === 'setup');
const commands = new Set(manifest.contributes.commands.map((c) => c.command));
const contextKeys = new Set<string>(Object.values(SETUP_CONTEXT_KEYS));
// Registered by VS Code itself for a view.
const builtIn = new Set(['hearth.panel.focus']);

describe('the Get started walkthrough', () => {
  it('exists with steps for the daemon, both models, the view and diagnostics', () => {
    assert.ok(walkthrough, 'contributes.walkthroughs has id "setup"');
    const ids = walkthrough.steps.map((s) => s.id);
    for (const id of ['startOllama.linux', 'startOllama.darwin', 'startOllama.win32', 'startOllama.other', 'completionModel', 'chatModel', 'openView', 'diagnostics']) {
      assert.ok(ids.includes(id), id);
    }
  });

  it('completes every step on a real event: a context key Hearth sets, a contributed command, or its view', () => {
    for (const step of walkthrough!.steps) {
      assert.ok(step.completionEvents.length > 0, `${step.id} has a completion event`);
      for (const event of step.completionEvents) {
        const [kind, target] = event.split(':', 2) as [string, string];
        if (kind === 'onContext') assert.ok(contextKeys.has(target), `${step.id}: ${target} is set by SetupContextKeys`);
        else if (kind === 'onCommand') assert.ok(commands.has(target), `${step.id}: ${target} is contributed`);
        else if (kind === 'onView') assert.equal(target, 'hearth.panel');
        else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
  });

  it('shows exactly one "start Ollama" step for each platform', () => {
    const variants = walkthrough!.steps.filter((s) => s.id.startsWith('startOllama.'));
    const showsFor = (platform: string): string[] =>
      variants.filter((s) => whenHolds(s.when ?? 'true', platform)).map((s) => s.id);
    for (const platform of ['linux', 'darwin', 'win32', 'freebsd']) assert.equal(showsFor(platform).length, 1, platform);
    assert.deepEqual(showsFor('linux'), ['startOllama.linux']);
    assert.match(variants.find((s) => s.id === 'startOllama.linux')!.description, /systemctl start ollama[\s\S]*ollama serve/);
  });

  it('links only to contributed commands, with JSON arguments that parse', () => {
    for (const step of walkthrough!.steps) {
      for (const [, id, query] of step.description.matchAll(/\(command:([\w.]+)(?:\?([^)]*))?\)/g)) {
        assert.ok(commands.has(id!) || builtIn.has(id!), `${step.id}: command ${id} is contributed`);
        if (query) assert.doesNotThrow(() => JSON.parse(decodeURIComponent(query)), `${step.id}: ${query}`);
      }
    }
  });

  it('has its media files', () => {
    for (const step of walkthrough!.steps) {
      assert.ok(step.media.markdown, `${step.id} has markdown media`);
      assert.ok(existsSync(join(root, step.media.markdown)), step.media.markdown);
    }
  });
});

/** Just the `when` forms the walkthrough uses: `hearth.platform == 'x'`, `!=`, and `&&`. */
function whenHolds(when: string, platform: string): boolean {
  return when.split('&&').every((clause) => {
    const m = /^\s*hearth\.platform\s*(==|!=)\s*'([^']*)'\s*$/.exec(clause);
    assert.ok(m, `unsupported when clause: ${clause}`);
    return m[1] === '==' ? platform === m[2] : platform !== m[2];
  });
}

// Issue #17, item 4: with the defaults (32 KiB of instructions, num_ctx 4096)
// the chain shown in the Status tab was cut again, silently, at send time. The
// budget now comes from the window, with the setting as the cap.
import * as assert from 'node:assert/strict';
import { HEARTH_SYSTEM_PROMPT, assembleChatPrompt } from '../../../../src/core/chat/chatPrompt';
import { instructionBudgetBytes, instructionSettings } from '../../../../src/core/settings/hearthSettings';
import type { HearthSettings } from '../../../../src/core/settings/hearthSettings';
import { resolverFor } from '../instructions/helpers';

function settings(numCtx: number, budgetBytes = 32768): HearthSettings {
  return {
    engine: 'ollama',
    openai: { host: '', capabilities: {} },
    ollama: { host: '', headers: {}, keepAlive: '30m', numCtx },
    completion: { enabled: true, languages: {}, model: 'qwen2.5-coder:1.5b-base', debounceMs: 150, maxTokens: 128, template: 'auto', whileChatStreams: 'wait' },
    chat: { model: 'qwen2.5-coder:7b', maxReplyBytes: 1_000_000 },
    agent: { maxSteps: 25, tokenBudget: 400_000, autoApproveEdits: false, commandTimeoutSeconds: 120, commandOutputChars: 8_000 },
    instructions: { enabled: true, fallbackFileNames: [], budgetBytes, imports: false, completionDigest: false },
    inspector: { maxEntries: 50 },
  };
}

describe('the instructions budget, from the context window', () => {
  it('is a quarter of num_ctx at 4 bytes a token, never more than hearth.instructions.budgetBytes', () => {
    assert.equal(instructionBudgetBytes(settings(4096)), 4096);
    assert.equal(instructionBudgetBytes(settings(8192)), 8192);
    assert.equal(instructionBudgetBytes(settings(131_072)), 32768, 'the setting caps it');
    assert.equal(instructionBudgetBytes(settings(32768, 2048)), 2048, 'a smaller setting wins');
    assert.equal(instructionSettings(settings(4096)).options.budgetBytes, 4096, 'the service is given the derived budget');
  });

  it('with the defaults, a 20 KiB chain is trimmed where the Status tab shows it, and the chat sends that text without cutting it again', async () => {
    const tree = { 'AGENTS.md': `# Root\n${'Prefer small pure functions. '.repeat(400)}`, 'pkg/AGENTS.md': '# Package\nNearest rule.\n' };
    const { resolver } = resolverFor(tree, instructionSettings(settings(4096)).options);
    const resolved = await resolver.resolveForFile('pkg/x.ts');
    assert.ok(resolved.files.some((f) => f.trimmed), 'the chain is trimmed in the resolver: the view says so');
    const kept = resolved.files.reduce((n, f) => n + f.keptBytes, 0);
    assert.ok(kept <= 4096 && kept > 3000, `${kept} bytes of file text kept, within the 4 KiB budget`);
    assert.match(resolved.text, /Nearest rule\./);
    const prompt = assembleChatPrompt({
      system: HEARTH_SYSTEM_PROMPT,
      instructions: resolved.text,
      history: [],
      question: { text: 'How should I name this?', attachments: [] },
      contextTokens: 4096,
      charsPerToken: 4,
    });
    assert.equal(prompt.instructionsTrimmed, false, 'what Show Effective Instructions opens is what is sent');
    assert.equal(prompt.messages[0]?.content, `${HEARTH_SYSTEM_PROMPT}\n\n${resolved.text}`);
  });
});

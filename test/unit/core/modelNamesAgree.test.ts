// Issue #17: the status bar, the Status tab and completions once disagreed on
// whether a configured model was installed. Written against the features'
// own entry points, so it reads the same before and after the rule moved.
import * as assert from 'node:assert/strict';
import type { ModelInfo } from '../../../src/core/engine/engineTypes';
import { toStatusTabState } from '../../../src/core/panel/statusTabState';
import { toSetupSummary } from '../../../src/core/setup/setupSummary';
import { describeStatus } from '../../../src/core/statusBar/statusModel';
import { defaultModels } from '../../fakes/standInModels';
import { StandInService } from '../../fakes/standInService';

const installed = (name: string): ModelInfo => ({
  name, digest: 'd', sizeBytes: 1, family: 'qwen2', parameterSize: '7B', quantization: 'Q4_K_M',
  capabilities: ['completion', 'insert'], capabilitiesReported: true, template: '',
});

describe('one name rule for the status bar, the Status tab and completions', () => {
  const models = [installed('qwen2.5-coder:7b'), installed('localhost:5000/foo:latest')];
  let rig: StandInService;

  before(async () => {
    const listed = defaultModels().filter((m) => m.name === 'qwen2.5-coder:7b');
    rig = await StandInService.start({ standIn: { models: [...listed, ...listed.map((m) => ({ ...m, name: 'localhost:5000/foo:latest' }))] } });
  });

  after(() => rig.close());

  for (const [configured, listed] of [['Qwen2.5-Coder:7b', 'qwen2.5-coder:7b'], ['localhost:5000/foo', 'localhost:5000/foo:latest']] as const) {
    it(`${configured}: installed for the status bar, ready on the Status tab, found for completions, marked in use`, async () => {
      const status = describeStatus({
        connection: { status: 'connected', version: '0.12.6', models },
        activity: { phase: 'idle', inFlight: 0 },
        completionsEnabled: true,
        completionModel: configured,
        chatModel: configured,
        host: 'http://127.0.0.1:11434',
      });
      assert.equal(status.kind, 'connected', status.tooltip.join('\n'));
      const setup = toSetupSummary({
        connection: 'connected', models, completionModel: configured, chatModel: configured, completionsEnabled: true,
        completionTemplate: 'auto', platform: 'linux', host: { url: 'http://127.0.0.1:11434', isLoopback: true },
      });
      assert.deepEqual(setup.roles.map((r) => [r.role, r.status]), [['completion', 'ready'], ['chat', 'ready']]);
      const found = await rig.service.findModel(configured);
      assert.ok(found.ok && found.value?.name === listed, `completions look ${configured} up as ${JSON.stringify(found)}`);
      const tab = toStatusTabState({
        connection: { status: 'connected', version: '0.12.6', models },
        host: 'http://127.0.0.1:11434', completionModel: configured, chatModel: configured, completionsEnabled: true,
        instructions: { status: 'noFolder' }, setup, loaded: [], pulls: [],
      });
      assert.deepEqual(tab.models.find((m) => m.name === listed)?.roles, ['completion', 'chat']);
    });
  }
});

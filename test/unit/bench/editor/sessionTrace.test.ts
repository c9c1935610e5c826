import * as assert from 'node:assert/strict';
import { VirtualDocument } from '../../../../bench/completion/virtualDocument';
import { SESSION_PLANS } from '../../../../bench/editor/sessionPlans';
import { scriptSession } from '../../../../bench/editor/sessionScript';
import { sessionTrace } from '../../../../bench/editor/simulatedRun';
import { FAST, SLOW } from '../../../../bench/editor/typist';

describe('editor benchmark: sessions as traces of the simulated benchmark', () => {
  it('the trace types the same text at the same times as the session', () => {
    for (const typist of [FAST, SLOW]) {
      for (const plan of SESSION_PLANS) {
        const script = scriptSession(plan, typist);
        const trace = sessionTrace(script);
        const doc = new VirtualDocument(trace.uri, trace.languageId, trace.initialText);
        let at = 0;
        trace.events.forEach((event, i) => {
          if (event.kind === 'insert') doc.insert(event.text);
          else if (event.kind === 'backspace') doc.backspace();
          else doc.moveTo(event.offset);
          if (i === 0) return;
          at += script.steps[i - 1]?.gapMs ?? NaN;
          assert.equal(event.at, at);
          assert.deepEqual(doc.around(), { before: script.states[i]?.prefix, after: script.states[i]?.suffix }, `${plan.kind} ${typist.name} event ${i}`);
        });
        assert.equal(doc.text, script.finalText);
      }
    }
  });
});

import * as assert from 'node:assert/strict';
import { percentile } from '../../../../src/core/completion/completionStats';
import { BACKSPACE, ENTER, EditorModel } from '../../../../bench/editor/editorModel';
import { SESSION_PLANS } from '../../../../bench/editor/sessionPlans';
import type { SessionPlan } from '../../../../bench/editor/sessionPlans';
import { MOVE_GAP_MS, REACTION_MS, scriptSession } from '../../../../bench/editor/sessionScript';
import { FAST, PAUSE_MS, SLOW, THINK_PAUSE_MS, TYPO_NOTICE_MS } from '../../../../bench/editor/typist';

/** What a plan should leave in the file, worked out directly from the plan (no keys, no typist). */
function intendedText(plan: SessionPlan): string {
  let text = plan.text;
  let cursor = text.indexOf(plan.startAfter) + plan.startAfter.length;
  for (const step of plan.steps) {
    if ('moveAfter' in step) cursor = text.indexOf(step.moveAfter) + step.moveAfter.length;
    else if ('erase' in step) {
      text = text.slice(0, cursor - step.erase) + text.slice(cursor);
      cursor -= step.erase;
    } else {
      text = text.slice(0, cursor) + step.type + text.slice(cursor);
      cursor += step.type.length;
    }
  }
  return text;
}

describe('editor benchmark: the editor model', () => {
  it('Enter keeps the cursor line indentation, cut at the cursor (autoIndent "keep")', () => {
    const model = new EditorModel('function f() {\n    return 1;\n}\n', { line: 2, column: 14 });
    assert.deepEqual(model.press(ENTER), { kind: 'insert', text: '\n    ' });
    model.moveTo({ line: 2, column: 3 });
    assert.deepEqual(model.press(ENTER), { kind: 'insert', text: '\n  ' });
    assert.equal(model.text, 'function f() {\n  \n    return 1;\n    \n}\n');
  });

  it('Backspace deletes one character, indentation and line breaks included, and nothing at the start', () => {
    const model = new EditorModel('a\n    b', { line: 2, column: 5 });
    model.press(BACKSPACE);
    assert.equal(model.text, 'a\n   b');
    model.moveTo({ line: 2, column: 1 });
    model.press(BACKSPACE);
    assert.equal(model.text, 'a   b');
    assert.deepEqual(model.position, { line: 1, column: 2 });
    model.moveTo({ line: 1, column: 1 });
    model.press(BACKSPACE);
    assert.equal(model.text, 'a   b');
  });

  it('places the cursor by line and column or after an anchor, and refuses what is not there', () => {
    const model = new EditorModel('one\ntwo three\n');
    assert.deepEqual(model.positionAfter('two'), { line: 2, column: 4 });
    model.moveTo({ line: 2, column: 4 });
    assert.deepEqual(model.state, { prefix: 'one\ntwo', suffix: ' three\n' });
    assert.throws(() => model.moveTo({ line: 4, column: 1 }), /outside/);
    assert.throws(() => model.moveTo({ line: 1, column: 5 }), /outside/);
    assert.throws(() => model.positionAfter('four'), /not found/);
    assert.throws(() => model.press('ab'), /not a key/);
  });
});

describe('editor benchmark: session scripts', () => {
  const scripts = [FAST, SLOW].flatMap((typist) => SESSION_PLANS.map((plan) => ({ plan, typist, script: scriptSession(plan, typist) })));

  it('are the same on every run (seeded), and differ between typists', () => {
    for (const { plan, typist, script } of scripts) assert.deepEqual(scriptSession(plan, typist), script);
    const [plan] = SESSION_PLANS;
    assert.ok(plan);
    assert.notDeepEqual(scriptSession(plan, FAST).steps, scriptSession(plan, SLOW).steps);
  });

  it('leave exactly the text the plan asks for, typos and indentation fixed on the way', () => {
    for (const { plan, script } of scripts) {
      assert.equal(script.finalText, intendedText(plan), `${plan.kind} ${script.typist}`);
      assert.equal(script.states.length, script.steps.length + 1);
      const last = script.states.at(-1);
      assert.equal((last?.prefix ?? '') + (last?.suffix ?? ''), script.finalText);
    }
  });

  it('every state is the one before it with that step applied', () => {
    for (const { script } of scripts) {
      const model = new EditorModel(script.initialText, script.start);
      script.steps.forEach((step, i) => {
        if (step.kind === 'move') model.moveTo(step.to);
        else assert.deepEqual(model.press(step.key), step.edit);
        assert.deepEqual(model.state, script.states[i + 1]);
      });
    }
  });

  it('type at the typist’s pace: mean and tail of typing gaps, all of them below a pause', () => {
    for (const { typist, script } of scripts) {
      const gaps = script.steps.filter((s) => s.gapMs < PAUSE_MS).map((s) => s.gapMs);
      const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
      const [low, high, p95Max] = typist === FAST ? [105, 140, 300] : [195, 250, 450];
      assert.ok(mean >= low && mean <= high, `${script.kind} ${typist.name}: mean ${mean}`);
      assert.ok((percentile(gaps, 95) ?? 0) <= p95Max, `${script.kind} ${typist.name}: p95 ${percentile(gaps, 95)}`);
    }
  });

  it('pause 0.8–2 s every 15–40 keys (a word may end first), and before each move', () => {
    for (const { script } of scripts) {
      let keysSincePause = 0;
      script.steps.forEach((step, i) => {
        if (step.kind === 'move') {
          assert.ok(step.gapMs >= MOVE_GAP_MS.min && step.gapMs <= MOVE_GAP_MS.max);
          const next = script.steps[i + 1];
          assert.ok(next !== undefined && next.gapMs >= REACTION_MS.min && next.gapMs <= REACTION_MS.max, 'a reaction time after a move');
          keysSincePause = 0;
        } else if (step.gapMs >= PAUSE_MS) {
          assert.ok(step.gapMs >= THINK_PAUSE_MS.min && step.gapMs <= THINK_PAUSE_MS.max, `a think pause of ${step.gapMs} ms`);
          assert.ok(keysSincePause >= 15, `${keysSincePause} keys since the last pause`);
          keysSincePause = 1;
        } else {
          keysSincePause++;
          assert.ok(keysSincePause <= 60, `${script.kind} ${script.typist}: ${keysSincePause} keys without a pause`);
        }
      });
    }
  });

  it('fix each slip with Backspace after a moment', () => {
    let slips = 0;
    for (const { script } of scripts) {
      script.steps.forEach((step, i) => {
        if (step.kind !== 'key' || !step.typo || step.key === BACKSPACE) return;
        slips++;
        const fix = script.steps[i + 1];
        assert.ok(fix?.kind === 'key' && fix.key === BACKSPACE && fix.typo === true);
        assert.ok(fix.gapMs >= TYPO_NOTICE_MS.min && fix.gapMs <= TYPO_NOTICE_MS.max);
      });
    }
    assert.ok(slips > 0, 'the sessions hold some typos');
  });

  it('stay short enough for the whole matrix to run in minutes (120–160 keys, under a minute each)', () => {
    for (const { script } of scripts) {
      const keys = script.steps.filter((s) => s.kind === 'key').length;
      const seconds = (script.steps.reduce((a, s) => a + s.gapMs, 0) + script.finalPauseMs) / 1000;
      assert.ok(keys >= 120 && keys <= 160, `${script.kind} ${script.typist}: ${keys} keys`);
      assert.ok(seconds < 60, `${seconds} s`);
    }
  });
});

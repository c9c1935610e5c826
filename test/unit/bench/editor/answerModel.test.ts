import * as assert from 'node:assert/strict';
import { AnswerModel, FIXED_ANSWER, fimParts, netFutures, positionKey, predictsAt } from '../../../../bench/editor/answerModel';
import { BACKSPACE, ENTER } from '../../../../bench/editor/editorModel';
import { SESSION_PLANS } from '../../../../bench/editor/sessionPlans';
import { scriptSession } from '../../../../bench/editor/sessionScript';
import { FAST } from '../../../../bench/editor/typist';
import { fixtureScript } from './fixtures';

const fim = (prefix: string, suffix: string): string => `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`;

describe('editor benchmark: the stand-in’s models', () => {
  it('reads the text around the cursor from a raw Qwen FIM prompt, also after other files', () => {
    assert.deepEqual(fimParts(fim('const a', ' = 1;')), { prefix: 'const a', suffix: ' = 1;' });
    const repo = `<|repo_name|>ws\n<|file_sep|>other.ts\nconst <|fim_prefix|> = 2;\n<|file_sep|>a.ts\n${fim('let b', '')}`;
    assert.deepEqual(fimParts(repo), { prefix: 'let b', suffix: '' });
    assert.equal(fimParts('no fill-in-the-middle here'), undefined);
  });

  it('knows what the user types next from each position, typos cancelled, up to a move, old text or three lines', () => {
    const script = fixtureScript('ab\ncd\n', { line: 1, column: 3 }, [
      ['x', 100],
      ['q', 100],
      [BACKSPACE, 300],
      ['y', 100],
      [ENTER, 100],
      ['z', 100],
      [ENTER, 100],
      ['w', 100],
      [ENTER, 100],
      ['v', 100],
      { move: { line: 5, column: 3 }, gapMs: 900 },
      [BACKSPACE, 200],
      ['k', 100],
    ]);
    const futures = netFutures(script);
    const at = (state: number): string | undefined => {
      const s = script.states[state];
      return s === undefined ? undefined : futures.get(positionKey(s.prefix, s.suffix));
    };
    assert.equal(at(0), 'xy\nz\nw', 'the typo is gone, three lines at most');
    assert.equal(at(2), '', 'after the typo the next key deletes it: nothing to predict');
    assert.equal(at(8), '\nv', 'up to the move');
    assert.equal(at(11), '', 'Backspace into the text that was there');
  });

  it('fixed: the same two-line answer everywhere', () => {
    const [plan] = SESSION_PLANS;
    assert.ok(plan);
    const model = new AnswerModel(scriptSession(plan, FAST), 'fixed');
    assert.equal(model.answer(fim('anything', '')), FIXED_ANSWER);
    assert.equal(model.reply({ path: '/api/generate', model: 'm', body: { prompt: fim('x', 'y') } }).tokens.join(''), FIXED_ANSWER);
  });

  it('predictive: the real next text at about half of the positions, by position, the same for everyone', () => {
    for (const plan of SESSION_PLANS) {
      const script = scriptSession(plan, FAST);
      const futures = netFutures(script);
      const model = new AnswerModel(script, 'predictive');
      const again = new AnswerModel(script, 'predictive');
      let predicted = 0;
      let withFuture = 0;
      for (const state of script.states) {
        const future = futures.get(positionKey(state.prefix, state.suffix)) ?? '';
        if (future.trim() === '') continue;
        withFuture++;
        const prompt = fim(state.prefix, state.suffix);
        const answer = model.answer(prompt);
        assert.equal(again.answer(prompt), answer);
        if (predictsAt(state.prefix, state.suffix)) {
          assert.equal(answer, future);
          predicted++;
        } else {
          assert.equal(answer, FIXED_ANSWER);
        }
      }
      const share = predicted / withFuture;
      assert.ok(share > 0.35 && share < 0.65, `${plan.kind}: ${(share * 100).toFixed(0)} % predicted`);
    }
  });

  it('predictive: where nothing is typed next, or the prompt is unknown, the fixed answer', () => {
    const [plan] = SESSION_PLANS;
    assert.ok(plan);
    const script = scriptSession(plan, FAST);
    const model = new AnswerModel(script, 'predictive');
    const end = script.states.at(-1);
    assert.ok(end);
    assert.equal(model.answer(fim(end.prefix, end.suffix)), FIXED_ANSWER);
    assert.equal(model.answer(fim('a position the session never reaches', '')), FIXED_ANSWER);
  });
});

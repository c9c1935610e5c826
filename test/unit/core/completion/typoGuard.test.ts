import * as assert from 'node:assert/strict';
import { likelyTypo } from '../../../../src/core/completion/typoGuard';

const CODE = 'function largest(orders: Order[]) {\n  let largest: Order | undefined;\n  return largest;\n}\n';

describe('likelyTypo', () => {
  it('a character that makes a known identifier unknown is suspect', () => {
    assert.equal(likelyTypo(`${CODE}const x = larges`, '\n'), false, 'still the start of largest');
    assert.equal(likelyTypo(`${CODE}const x = largesl`, '\n'), true);
    assert.equal(likelyTypo(`${CODE}const x = Ordr`, '\n'), true);
    assert.equal(likelyTypo(`${CODE}const x = ordersz`, '\n'), false, 'extending a whole identifier names something new');
  });

  it('identifiers after the cursor count too', () => {
    assert.equal(likelyTypo('const x = comp', '\n  return computed;'), false);
    assert.equal(likelyTypo('const x = compy', '\n  return computed;'), true);
  });

  it('a new name, a one-letter word, or a cursor inside a word are not suspect', () => {
    assert.equal(likelyTypo(`${CODE}const quantity`, ' = 1;'), false);
    assert.equal(likelyTypo(`${CODE}const x = l`, '\n'), false);
    assert.equal(likelyTypo(`${CODE}const x = largesl`, 'y\n'), false);
    assert.equal(likelyTypo(`${CODE}const x = `, '\n'), false);
  });

  it('only matches at the start of identifiers', () => {
    assert.equal(likelyTypo('const total = subtotal + ot', '\n'), false, '`ot` inside `total` is no identifier start');
  });
});

import type { KeySample } from './pageProbe';
import type { SessionScript } from './sessionScript';

/** When each step of a script happened, on the page's clock (see StepTime). */
export interface PageStepTime {
  readonly at: number;
  readonly doneAt: number;
  /** When the (first) input event was created: `at` minus this is how late the page handled it. */
  readonly inputAt: number;
}

/**
 * Pairs the script's steps with the keydowns the page saw, in order: a key
 * step with the next key typed into the editor (commands and the quick
 * input's keys skipped), a move with the next Ctrl+G (it begins) and the
 * Enter that closes the Go to Line box (the cursor lands). Throws when the
 * editor saw another key than the script's: the session did not run as
 * scripted.
 */
export function matchSteps(script: SessionScript, keys: readonly KeySample[]): PageStepTime[] {
  const times: PageStepTime[] = [];
  let next = 0;
  const find = (what: string, accept: (k: KeySample) => boolean, stopAt?: (k: KeySample) => boolean): KeySample => {
    for (; next < keys.length; next++) {
      const sample = keys[next];
      if (sample === undefined) continue;
      if (accept(sample)) {
        next++;
        return sample;
      }
      if (stopAt?.(sample)) throw new Error(`expected ${what}, the editor saw ${JSON.stringify(sample.key)} (key ${next})`);
    }
    throw new Error(`expected ${what}, but the keys ran out`);
  };
  script.steps.forEach((step, i) => {
    if (step.kind === 'key') {
      const typed = (k: KeySample): boolean => k.inEditor && !k.command;
      const sample = find(`${JSON.stringify(step.key)} (step ${i})`, (k) => typed(k) && k.key === step.key, typed);
      times.push({ at: sample.at, doneAt: sample.at, inputAt: sample.inputAt });
    } else {
      const begin = find(`Ctrl+G (step ${i})`, (k) => k.command && k.key.toLowerCase() === 'g');
      const land = find(`Enter in Go to Line (step ${i})`, (k) => !k.inEditor && k.key === 'Enter');
      times.push({ at: begin.at, doneAt: land.at, inputAt: begin.inputAt });
    }
  });
  return times;
}

import { Lexer, Tokenizer } from 'marked';

/**
 * V8 compiles a regular expression the first time it runs on a string of
 * each kind it stores text as: Latin-1, and two bytes a character (any text
 * holding a character past U+00FF, an em dash or an emoji, and every slice of
 * it). marked's block rules are large expressions; compiling them for a kind
 * took 15–25 ms of one task in the page, in the first reply of that kind, on
 * top of drawing it: after a reply with a dash, the first plain-ASCII reply
 * paid it again. Both kinds are compiled here instead, one expression at a
 * time, while the view is idle.
 */
const SUBJECTS = ['a', '\u2014'];
/** marked builds some list and block-start expressions per indent and keeps one for each of 0–3 (it asks with indent − 1). */
const INDENTS = [1, 2, 3, 4];
/** Below this much idle time left, the rest waits for the next idle period (the largest, the setext-heading rule, compiles in up to ~18 ms). */
const IDLE_MARGIN_MS = 3;

type IdleScheduler = (step: (deadline: IdleDeadline) => void) => void;

/** Every expression marked's GFM lexer keeps: its block, inline and helper rules, those it builds per indent included. */
export function lexerExpressions(): RegExp[] {
  const expressions: RegExp[] = [];
  // A lexer gives the tokenizer it is handed the rules it runs.
  const tokenizer = new Tokenizer();
  new Lexer({ gfm: true, tokenizer });
  for (const rules of Object.values(tokenizer.rules) as Record<string, unknown>[]) {
    for (const rule of Object.values(rules)) {
      if (rule instanceof RegExp) expressions.push(rule);
      else if (typeof rule === 'function') {
        const build = rule as (indent: number) => unknown;
        for (const indent of INDENTS) {
          const built = build(indent);
          // Only an expression marked keeps (it builds others, such as one per list bullet, afresh each time).
          if (built instanceof RegExp && build(indent) === built && !expressions.includes(built)) expressions.push(built);
        }
      }
    }
  }
  return expressions;
}

/**
 * Runs each of marked's expressions on a string of each kind, twice (V8
 * interprets an expression's first run and compiles it to machine code on
 * the next), a few per idle period, so no reply pays for compiling them.
 * Leaves each expression as it was (a global one's lastIndex included).
 */
export function warmLexerWhenIdle(idle: IdleScheduler = (step) => requestIdleCallback(step)): void {
  const expressions = lexerExpressions();
  const jobs = SUBJECTS.flatMap((subject) => expressions.map((expression) => ({ expression, subject })));
  let next = 0;
  const step = (deadline: IdleDeadline): void => {
    do {
      const job = jobs[next++];
      if (!job) return;
      const { expression, subject } = job;
      const lastIndex = expression.lastIndex;
      expression.exec(subject);
      expression.exec(subject);
      expression.lastIndex = lastIndex;
    } while (deadline.timeRemaining() > IDLE_MARGIN_MS);
    if (next < jobs.length) idle(step);
  };
  idle(step);
}

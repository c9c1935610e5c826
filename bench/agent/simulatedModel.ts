import { callSignature } from '../../src/core/agent/loopGuard';
import type { GenerationRequest, ScriptedReply } from '../../test/fakes/ollamaStandIn';
import { textReply } from '../../test/fakes/standInScript';
import { Prng } from '../completion/prng';
import type { BenchTask, PlanStep } from './benchTasks';
import { HALLUCINATED_NAMES, MISTAKE_RATES, WRONG_PATH_NAMES } from './mistakeRates';

type Message = Record<string, unknown>;
const text = (m: Message | undefined): string => (typeof m?.content === 'string' ? m.content : '');

/**
 * A small model that knows how to do the task (its plan) but slips at the
 * rates of mistakeRates.ts, drawn from a seeded PRNG. It reads only what the
 * daemon shows it (the stand-in's visibleMessages, after silent truncation)
 * and writes raw output in qwen2.5-coder's format; the stand-in's tool-call
 * parser decides, as the daemon would, what arrives as tool_calls and what as
 * text. It has no notion of Hearth: it follows the next step of its plan
 * after a result that shows the step worked, and retries otherwise.
 */
export class SimulatedModel {
  private readonly rng: Prng;
  private lastOutput: string | undefined;
  private repeating = false;

  constructor(private readonly task: BenchTask, seed: number) {
    this.rng = new Prng(seed);
  }

  reply(req: GenerationRequest): ScriptedReply {
    const messages = req.visibleMessages ?? [];
    // The daemon dropped the task: the model no longer knows what to do.
    if (!messages.some((m) => m.role === 'user' && text(m) === this.task.task)) return this.say("I'm not sure what you would like me to do. Could you describe the task again?");
    const { done, last, lastWorked, previousResult } = this.progress(messages);
    const next = this.task.plan[done];

    if (this.lastOutput !== undefined && last?.role === 'tool') {
      const sameInput = previousResult !== undefined && previousResult === text(last);
      if (this.rng.chance(this.repeating && sameInput ? MISTAKE_RATES.repeatSameInput : MISTAKE_RATES.repeat)) {
        this.repeating = true;
        return textReply(this.lastOutput);
      }
    }
    this.repeating = false;
    const failedStep = last?.role === 'tool' && !lastWorked;
    if (failedStep && this.rng.chance(MISTAKE_RATES.ignoreError)) return this.say(this.task.answer);
    if (!next) return this.say(this.task.answer);
    return this.call(next);
  }

  /** How many plan steps the visible conversation shows as done, in order. */
  private progress(messages: readonly Message[]): { done: number; last: Message | undefined; lastWorked: boolean; previousResult: string | undefined } {
    let done = 0;
    let lastWorked = false;
    let pending: { name: string; args: Record<string, unknown> }[] = [];
    const results: string[] = [];
    for (const m of messages) {
      if (m.role === 'assistant') pending = callsOf(m);
      else if (m.role === 'tool') {
        const call = pending.shift();
        const step = this.task.plan[done];
        lastWorked = step !== undefined && call !== undefined && sameCall(call, step) && step.worked(text(m));
        if (lastWorked) done++;
        results.push(text(m));
      } else if (m.role === 'user' && text(m).startsWith('[Hearth] Earlier steps were removed')) {
        // Hearth's note names the dropped steps: a model reading it knows they were done.
        for (const label of text(m).split(':').slice(1).join(':').split(';').map((s) => s.trim())) {
          const step = this.task.plan[done];
          if (step && label.startsWith(`${step.tool} `)) done++;
        }
      }
    }
    return { done, last: messages[messages.length - 1], lastWorked, previousResult: results[results.length - 2] };
  }

  private say(answer: string): ScriptedReply {
    this.lastOutput = undefined;
    return textReply(answer);
  }

  /** The step as the model writes it, with this turn's slips. */
  private call(step: PlanStep): ScriptedReply {
    const r = MISTAKE_RATES;
    let name = step.tool;
    const args: Record<string, unknown> = { ...step.args };
    if (this.rng.chance(r.hallucinatedTool)) name = HALLUCINATED_NAMES[step.tool] ?? `${step.tool}_v2`;
    if ('path' in args && this.rng.chance(r.wrongArgName)) {
      args[this.rng.pick(WRONG_PATH_NAMES)] = args.path;
      delete args.path;
    }
    const integers = Object.keys(args).filter((k) => typeof args[k] === 'number');
    if (integers.length > 0 && this.rng.chance(r.wrongType)) for (const k of integers) args[k] = String(args[k]);
    let json = JSON.stringify({ name, arguments: args });
    if (this.rng.chance(r.malformed)) {
      const how = this.rng.int(0, 2);
      json = how === 0 ? json.replace(/"/g, "'") : how === 1 ? `${json.slice(0, -1)},}` : json.slice(0, -1);
    }
    const output = this.rng.chance(r.textCall) ? (this.rng.chance(0.5) ? json : `\`\`\`json\n${json}\n\`\`\``) : `<tool_call>\n${json}\n</tool_call>`;
    this.lastOutput = output;
    return textReply(output);
  }
}

function callsOf(m: Message): { name: string; args: Record<string, unknown> }[] {
  if (!Array.isArray(m.tool_calls)) return [];
  return m.tool_calls.flatMap((c: unknown) => {
    const fn = (c as { function?: { name?: unknown; arguments?: unknown } }).function;
    return fn && typeof fn.name === 'string' ? [{ name: fn.name, args: (fn.arguments ?? {}) as Record<string, unknown> }] : [];
  });
}

function sameCall(call: { name: string; args: Record<string, unknown> }, step: PlanStep): boolean {
  return callSignature(call.name, call.args) === callSignature(step.tool, step.args);
}

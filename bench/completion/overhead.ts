import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { SnippetSource } from '../../src/core/completion/contextSnippets';
import { OllamaStandIn } from '../../test/fakes/ollamaStandIn';
import { MODEL, NUM_CTX, benchPipeline } from './benchPipeline';
import type { ConfigName } from './benchPipeline';
import { codeTokens } from './simulatedModel';
import { Prng } from './prng';
import { VirtualDocument } from './virtualDocument';

export const BIG_FILE_LINES = 20_000;
/** Enough that the p99 rests on 20 samples, not on one or two unlucky ones. */
const SAMPLES = 2_000;
/** JIT warm-up: the first requests compile the code paths. */
const WARMUP = 100;

export interface Overhead {
  /** CPU time per model request: windows, cache, prompt, stop checks, post-processing (no network). */
  readonly requests: readonly number[];
  /** The same on the wall clock, which also counts time other processes had the CPU. */
  readonly requestsWall: readonly number[];
  /** CPU time per keystroke answered from the cache (type-through). */
  readonly hits: readonly number[];
}

/** This process's CPU time (user + system) in milliseconds, to the microsecond. */
export function cpuTimeMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** A plausible TypeScript file of `lines` lines. */
export function generatedSource(rng: Prng, lines: number): string {
  const out: string[] = [];
  const verbs = ['load', 'save', 'parse', 'format', 'compute', 'merge', 'filter', 'validate'];
  const nouns = ['Order', 'Invoice', 'Customer', 'Item', 'Report', 'Session', 'Token', 'Address'];
  for (let n = 0; out.length < lines; n++) {
    const name = `${rng.pick(verbs)}${rng.pick(nouns)}${n}`;
    out.push(
      `export function ${name}(input: ${rng.pick(nouns)}, options: Options = {}): Result {`,
      `  const values = input.items.filter((item) => item.weight > ${rng.int(0, 99)});`,
      `  if (options.strict && values.length === 0) throw new Error('${name}: nothing to do');`,
      `  let total = 0;`,
      `  for (const value of values) total += value.amount * ${rng.int(1, 9)};`,
      `  return { name: '${name}', total, count: values.length };`,
      '}',
      '',
    );
  }
  return out.slice(0, lines).join('\n');
}

/** measureOverhead in a child process of its own, with V8 single-threaded (see overheadProcess.ts). */
export function measureOverheadApart(config: ConfigName): Promise<Overhead> {
  return new Promise((resolve, reject) => {
    // The same loader (tsx) as this process, plus the V8 flag.
    const child = fork(join(__dirname, 'overheadProcess.ts'), [config], { execArgv: [...process.execArgv, '--single-threaded'] });
    let result: Overhead | undefined;
    child.on('message', (message) => (result = message as Overhead));
    child.on('error', reject);
    child.on('exit', (code) => (result !== undefined ? resolve(result) : reject(new Error(`overhead process for ${config} exited with ${code}`))));
  });
}

/**
 * The pipeline's own work per request on a 20,000-line file, as the pipeline
 * measures it: everything between the editor's text and the text to show,
 * except the network and the model. Other files are open too (four snippet
 * sources of 121 lines, as the adapter gathers them). Measured twice over
 * the same positions: in CPU time (the figure), and on the wall clock.
 */
export async function measureOverhead(config: ConfigName): Promise<Overhead> {
  const cpu = await overheadRun(config, cpuTimeMs);
  const wall = await overheadRun(config, () => performance.now());
  return { requests: cpu.requests, requestsWall: wall.requests, hits: cpu.hits };
}

async function overheadRun(config: ConfigName, clock: () => number): Promise<{ requests: number[]; hits: number[] }> {
  const rng = new Prng(0x5eed04);
  const doc = new VirtualDocument('file:///bench/src/big.ts', 'typescript', generatedSource(rng, BIG_FILE_LINES));
  const sources: SnippetSource[] = [0, 1, 2, 3].map((i) => ({ path: `src/other${i}.ts`, text: generatedSource(new Prng(100 + i), 121) }));
  const standIn = await OllamaStandIn.start({ numParallel: 1, defaultNumCtx: NUM_CTX });
  standIn.reply(() => ({ tokens: codeTokens('value.amount + 1;\n  return total;') }));
  const { pipeline, service } = benchPipeline(config, standIn.url, () => undefined, clock);
  await service.warm(MODEL);
  const requests: number[] = [];
  const hits: number[] = [];
  try {
    for (let i = 0; i < SAMPLES + WARMUP; i++) {
      const line = rng.int(0, BIG_FILE_LINES - 2);
      doc.moveTo(0);
      doc.line = line;
      doc.character = rng.int(0, 12);
      const query = { ...doc.query(true, NUM_CTX), snippetSources: () => sources };
      const outcome = await pipeline.complete(query, new AbortController().signal);
      if (outcome.kind !== 'answer') throw new Error(`overhead run: unexpected ${JSON.stringify(outcome)}`);
      if (i >= WARMUP) requests.push(outcome.overheadMs);
      // One keystroke through the suggestion: answered from the cache (Hearth) or asked again (naive).
      const first = outcome.text[0];
      // The naive baseline has no cache: its next keystroke is simply another request.
      if (config === 'naive' || first === undefined || first === '\n') continue;
      doc.insert(first);
      const through = await pipeline.complete({ ...doc.query(false, NUM_CTX), snippetSources: () => sources }, new AbortController().signal);
      if (i >= WARMUP && through.kind === 'answer' && through.origin === 'typeThrough') hits.push(through.overheadMs);
      doc.backspace();
    }
  } finally {
    pipeline.dispose();
    await standIn.close();
  }
  return { requests, hits };
}

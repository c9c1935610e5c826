// npm run bench:overhead — the completion overhead alone, for comparing two
// builds quickly (e.g. before and after a change to the request path): per
// request, the pipeline's own CPU time (as the full benchmark reports it) and
// the whole process's CPU time for the call, which also counts OllamaService,
// the inspector's recorder, the HTTP client and the in-process stand-in.
// Run it with V8 single-threaded so CPU time is this thread's:
//   node --single-threaded --import tsx bench/completion/runOverhead.ts
import type { SnippetSource } from '../../src/core/completion/contextSnippets';
import { percentile } from '../../src/core/completion/completionStats';
import { OllamaStandIn } from '../../test/fakes/ollamaStandIn';
import { MODEL, NUM_CTX, benchPipeline } from './benchPipeline';
import { BIG_FILE_LINES, cpuTimeMs, generatedSource } from './overhead';
import { Prng } from './prng';
import { codeTokens } from './simulatedModel';
import { VirtualDocument } from './virtualDocument';

const SAMPLES = 1_000;
const WARMUP = 100;

async function main(): Promise<void> {
  const rng = new Prng(0x5eed04);
  const doc = new VirtualDocument('file:///bench/src/big.ts', 'typescript', generatedSource(rng, BIG_FILE_LINES));
  const sources: SnippetSource[] = [0, 1, 2, 3].map((i) => ({ path: `src/other${i}.ts`, text: generatedSource(new Prng(100 + i), 121) }));
  const standIn = await OllamaStandIn.start({ numParallel: 1, defaultNumCtx: NUM_CTX });
  standIn.reply(() => ({ tokens: codeTokens('value.amount + 1;\n  return total;') }));
  const { pipeline, service } = benchPipeline('hearth', standIn.url, () => undefined, cpuTimeMs);
  await service.warm(MODEL);
  const pipelineMs: number[] = [];
  const processMs: number[] = [];
  try {
    for (let i = 0; i < SAMPLES + WARMUP; i++) {
      doc.moveTo(0);
      doc.line = rng.int(0, BIG_FILE_LINES - 2);
      doc.character = rng.int(0, 12);
      const query = { ...doc.query(true, NUM_CTX), snippetSources: () => sources };
      const before = cpuTimeMs();
      const outcome = await pipeline.complete(query, new AbortController().signal);
      const spent = cpuTimeMs() - before;
      if (outcome.kind !== 'answer') throw new Error(`unexpected ${JSON.stringify(outcome)}`);
      if (i < WARMUP) continue;
      pipelineMs.push(outcome.overheadMs);
      processMs.push(spent);
    }
  } finally {
    pipeline.dispose();
    await standIn.close();
  }
  const at = (values: number[], p: number): string => (percentile(values, p) ?? 0).toFixed(3);
  console.log(`completion overhead, ${SAMPLES} requests on a ${BIG_FILE_LINES}-line file (CPU ms):`);
  console.log(`  pipeline's own work   p50 ${at(pipelineMs, 50)}  p99 ${at(pipelineMs, 99)}`);
  console.log(`  whole process / call  p50 ${at(processMs, 50)}  p99 ${at(processMs, 99)}`);
  console.log(JSON.stringify({ pipeline_p50_ms: Number(at(pipelineMs, 50)), pipeline_p99_ms: Number(at(pipelineMs, 99)), process_p50_ms: Number(at(processMs, 50)), process_p99_ms: Number(at(processMs, 99)) }));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

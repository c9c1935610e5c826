// Child process of the benchmark: measures the pipeline's overhead (see
// measureOverhead) and sends the samples to its parent. It runs apart, with
// V8's --single-threaded, so that all of V8's work for the pipeline (garbage
// collection included) happens on the thread being measured, and the
// process's CPU time is that thread's: no parallel GC or compiler threads
// inflate it, and no other process taking the CPU mid-request does either.
import type { ConfigName } from './benchPipeline';
import { measureOverhead } from './overhead';

async function main(): Promise<void> {
  const config = process.argv[2] as ConfigName;
  const overhead = await measureOverhead(config);
  process.send?.(overhead);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

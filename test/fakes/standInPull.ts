import type { RecordedRequest } from './ollamaStandIn';
import type { StandInExchange } from './standInExchange';
import { asString, checkFieldTypes } from './standInGeneration';
import type { StandInContext } from './standInInference';
import { canonicalModelName, findModel, pullLayers } from './standInModels';
import { respondOnce, streamLines } from './standInStream';
import type { StreamChunk } from './standInStream';

const MANIFEST_MISSING = 'pull model manifest: file does not exist';
const PROGRESS_STEPS = 4;

/**
 * POST /api/pull. A name found in `pullable` (or already installed) streams
 * the registry's progress lines, one every latency.perTokenMs, and is added to
 * /api/tags just before "success"; a client that leaves earlier gets nothing
 * installed. An unknown name fails after "pulling manifest" with an error line
 * under HTTP 200, as PullHandler's stream does.
 */
export async function handlePull(ctx: StandInContext, ex: StandInExchange, rec: RecordedRequest, body: Record<string, unknown>): Promise<void> {
  const typeError = checkFieldTypes(body, 'PullRequest', { model: 'string', name: 'string', stream: 'bool', insecure: 'bool' });
  if (typeError) return ex.json(400, { error: typeError });
  const name = asString(body.model) || asString(body.name);
  if (name === '') return ex.json(400, { error: 'model is required' });
  const target = findModel(ctx.pullable(), name) ?? findModel(ctx.models(), name);
  const step = ctx.latency().perTokenMs;
  const stream = body.stream !== false;
  const fault = ctx.takeStreamFault('/api/pull');
  if (fault) rec.fault = fault.kind;
  const manifest: StreamChunk = { delayMs: 0, line: () => ({ status: 'pulling manifest' }) };

  if (!target) {
    if (stream) return streamLines(ex, rec, [manifest], () => ({ error: MANIFEST_MISSING }), fault, ctx.notify);
    // waitForStream answers a failed pull with 500 and the error.
    if (await ex.sleep(step)) ex.json(500, { error: MANIFEST_MISSING });
    return;
  }

  const chunks: StreamChunk[] = [manifest];
  for (const layer of pullLayers(target)) {
    const status = `pulling ${layer.digest.slice(7, 19)}`;
    // The first line of a layer has no `completed`: Go omits a zero value.
    chunks.push({ delayMs: step, line: () => ({ status, digest: layer.digest, total: layer.total }) });
    const steps = layer.total > 1_000_000 ? PROGRESS_STEPS : 1;
    for (let i = 1; i <= steps; i++) {
      const completed = Math.round((layer.total * i) / steps);
      chunks.push({ delayMs: step, line: () => ({ status, digest: layer.digest, total: layer.total, completed }) });
    }
  }
  chunks.push({ delayMs: step, line: () => ({ status: 'verifying sha256 digest' }) });
  chunks.push({ delayMs: step, line: () => ({ status: 'writing manifest' }) });
  const install = (): { status: string } => {
    const installed = ctx.models();
    const index = installed.findIndex((m) => canonicalModelName(m.name) === canonicalModelName(target.name));
    const fresh = { ...target, capabilities: [...target.capabilities], modifiedAt: new Date().toISOString() };
    if (index >= 0) installed.splice(index, 1);
    installed.unshift(fresh); // /api/tags lists the most recently modified first
    return { status: 'success' };
  };
  if (stream) return streamLines(ex, rec, chunks, install, fault, ctx.notify);
  return respondOnce(ex, rec, chunks, install, fault, ctx.notify);
}

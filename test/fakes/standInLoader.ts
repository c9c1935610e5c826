import type { StandInModel } from './ollamaStandIn';
import type { StandInExchange } from './standInExchange';
import { canonicalModelName, displayName } from './standInModels';
import type { LoadedView } from './standInModels';

export interface LoadedModel {
  model: StandInModel;
  numCtx: number;
  contextLength: number;
  /** When the (re)load started by some request finishes; later requests wait for it too. */
  readyAt: number;
  expiresAt: number;
  lastUsed: number;
  inUse: number;
  /** The last prompt this runner evaluated: a shared prefix is not evaluated again (KV cache). */
  cachedPrompt: string;
}

/**
 * The daemon's scheduler, reduced to what clients can observe: which models
 * are loaded with which num_ctx, what each load cost, when keep_alive expires
 * them, and (when numParallel is finite) requests queueing behind each other.
 */
export class ModelLoader {
  numParallel = Infinity;
  maxLoadedModels = Infinity;
  defaultNumCtx = 4096;
  private readonly loaded = new Map<string, LoadedModel>();
  private readonly loads = new Map<string, number>();
  private readonly reloads = new Map<string, number>();
  private readonly slots = new Map<string, { active: number; waiting: Array<() => void> }>();

  /** Takes a place in the model's queue; undefined when the client left while waiting. */
  async takeSlot(model: StandInModel, ex: StandInExchange): Promise<(() => void) | undefined> {
    const key = canonicalModelName(model.name);
    const slot = this.slots.get(key) ?? { active: 0, waiting: [] };
    this.slots.set(key, slot);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      slot.active--;
      slot.waiting.shift()?.();
    };
    if (slot.active < this.numParallel) {
      slot.active++;
      return release;
    }
    let granted = false;
    let grant: () => void = () => undefined;
    const turn = new Promise<void>((resolve) => {
      grant = () => { granted = true; slot.active++; resolve(); };
      slot.waiting.push(grant);
    });
    await Promise.race([turn, ex.hang()]);
    if (granted && !ex.closed) return release;
    if (granted) release();
    else slot.waiting.splice(slot.waiting.indexOf(grant), 1);
    return undefined;
  }

  /** Marks the model in use, (re)loading it when absent, expired or loaded with another num_ctx. */
  acquire(model: StandInModel, numCtx: number, keepAliveMs: number, loadMs: number): LoadedModel {
    const key = canonicalModelName(model.name);
    const now = Date.now();
    this.dropExpired(now);
    let entry = this.loaded.get(key);
    if (!entry || entry.numCtx !== numCtx) {
      if (entry) this.reloads.set(key, (this.reloads.get(key) ?? 0) + 1);
      else this.evictFor(key);
      this.loads.set(key, (this.loads.get(key) ?? 0) + 1);
      entry = {
        model, numCtx, contextLength: Math.min(numCtx, model.contextLength), readyAt: now + loadMs,
        // In-flight requests keep their old entry; only this request uses the new one.
        expiresAt: now, lastUsed: now, inUse: 0, cachedPrompt: '',
      };
      this.loaded.set(key, entry);
    }
    entry.inUse++;
    entry.lastUsed = now;
    entry.expiresAt = now + keepAliveMs;
    return entry;
  }

  /** keep_alive counts from the end of the request; 0 unloads once nobody uses the model. */
  release(entry: LoadedModel, keepAliveMs: number): void {
    entry.inUse = Math.max(0, entry.inUse - 1);
    entry.lastUsed = Date.now();
    entry.expiresAt = Date.now() + keepAliveMs;
    const key = canonicalModelName(entry.model.name);
    if (keepAliveMs === 0 && entry.inUse === 0 && this.loaded.get(key) === entry) this.loaded.delete(key);
  }

  unload(model: StandInModel): void {
    this.loaded.delete(canonicalModelName(model.name));
  }

  forgetAll(): void {
    this.loaded.clear();
  }

  loadCount(name: string): number {
    return this.loads.get(canonicalModelName(name)) ?? 0;
  }

  reloadCount(name: string): number {
    return this.reloads.get(canonicalModelName(name)) ?? 0;
  }

  /** What /api/ps shows: longest remaining keep_alive first. */
  views(): LoadedView[] {
    this.dropExpired(Date.now());
    return [...this.loaded.values()]
      .sort((a, b) => b.expiresAt - a.expiresAt)
      .map((e) => ({ model: e.model, contextLength: e.contextLength, expiresAt: e.expiresAt }));
  }

  names(): string[] {
    return this.views().map((v) => displayName(v.model.name));
  }

  private dropExpired(now: number): void {
    for (const [key, e] of this.loaded) if (e.inUse === 0 && e.expiresAt <= now) this.loaded.delete(key);
  }

  /** OLLAMA_MAX_LOADED_MODELS: the least recently used idle model makes room. */
  private evictFor(key: string): void {
    if (this.loaded.size < this.maxLoadedModels) return;
    const idle = [...this.loaded.entries()].filter(([k, e]) => k !== key && e.inUse === 0)
      .sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    if (idle[0]) this.loaded.delete(idle[0][0]);
  }
}

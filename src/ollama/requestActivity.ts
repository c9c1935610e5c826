import { Emitter } from '../core/emitter';
import type { Event } from '../core/emitter';
import type { Activity } from '../core/engine/engineTypes';

type Phase = 'loading' | 'generating';

/**
 * What the daemon is doing for Hearth right now, from the streams in flight:
 * loading a model (no chunk yet from a model not known to be loaded) or
 * generating. The status bar spins on it; LoadedModels asks /api/ps once it
 * settles.
 */
export class RequestActivity {
  private readonly running = new Map<number, { readonly model: string; readonly phase: Phase }>();
  private nextId = 1;
  private readonly emitter = new Emitter<Activity>();
  readonly onDidChange: Event<Activity> = this.emitter.event;

  get current(): Activity {
    const last = [...this.running.values()].pop();
    if (!last) return { phase: 'idle', inFlight: 0 };
    const phase = [...this.running.values()].some((r) => r.phase === 'generating') ? 'generating' : 'loading';
    return { phase, inFlight: this.running.size, model: last.model };
  }

  /** A stream starts; returns its id for the calls below. */
  begin(model: string, phase: Phase): number {
    const id = this.nextId++;
    this.set(id, model, phase);
    return id;
  }

  set(id: number, model: string, phase: Phase): void {
    this.running.set(id, { model, phase });
    this.emitter.fire(this.current);
  }

  end(id: number): void {
    this.running.delete(id);
    this.emitter.fire(this.current);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

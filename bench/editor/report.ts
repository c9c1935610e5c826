import { percentile } from '../../src/core/completion/completionStats';
import type { ModelBehaviour } from './answerModel';
import { MODEL_BEHAVIOURS } from './answerModel';
import { headline } from './sessionFigures';
import type { Headline, SessionFigures } from './sessionFigures';
import type { SessionKind } from './sessionPlans';
import type { ConfigName } from './sessionRun';
import type { TypistName } from './typist';
import { wasteBreakdown, whatIf } from './wasteBreakdown';

/** One session's figures and what it was. */
export interface SessionResult {
  readonly config: ConfigName;
  readonly kind: SessionKind;
  readonly typist: TypistName;
  readonly model: ModelBehaviour;
  readonly figures: SessionFigures;
}

const TYPISTS: readonly TypistName[] = ['fast', 'slow'];
const CONFIGS: readonly ConfigName[] = ['hearth', 'naive'];

/** A table with the first column left-aligned and the others right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')).join('\n');
}

const pair = (a: string | undefined, b: string | undefined): string => `${a ?? '–'} · ${b ?? '–'}`;

/** Per session, Hearth · naive in each cell. */
export function sessionTable(results: readonly SessionResult[]): string {
  const names = [...new Set(results.map((r) => `${r.kind} ${r.typist} ${r.model}`))];
  const rows = [['session (Hearth · naive)', 'keys', 'pauses with ghost', 'pause→ghost p50/p95 ms', 'requests (mid-typing/aborted/prefill)', 'never shown', 'document']];
  for (const name of names) {
    const of = (config: ConfigName): SessionFigures | undefined => results.find((r) => r.config === config && `${r.kind} ${r.typist} ${r.model}` === name)?.figures;
    const cell = (show: (f: SessionFigures) => string): string => pair(...(CONFIGS.map((c) => mapDefined(of(c), show)) as [string | undefined, string | undefined]));
    const anyOf = of('hearth') ?? of('naive');
    rows.push([
      name,
      String(anyOf?.keys ?? ''),
      cell((f) => `${f.pauses.filter((p) => p.shownAt !== undefined).length}/${f.pauses.length}`),
      cell((f) => `${f.pauseToGhostP50Ms}/${f.pauseToGhostP95Ms}`),
      cell((f) => `${f.requests} (${f.requestsMidTyping}/${f.requestsAborted}/${f.requestsClosedInPrefill})`),
      cell((f) => `${f.wastedGenerationPct} %`),
      cell((f) => (f.documentExact ? 'exact' : 'DIFFERS')),
    ]);
  }
  return table(rows);
}

/** Means over sessions per typist and model, Hearth beside naive. */
export function meansTable(results: readonly SessionResult[]): string {
  const rows = [['means over sessions', ...TYPISTS.flatMap((t) => MODEL_BEHAVIOURS.map((m) => `${t} ${m}`))]];
  const cells = (pick: (h: Headline) => number, unit: string): string[] =>
    TYPISTS.flatMap((t) =>
      MODEL_BEHAVIOURS.map((m) => {
        const [a, b] = CONFIGS.map((c) => cellHeadline(results, c, t, m)).map((h) => (h === undefined ? undefined : `${pick(h)}${unit}`));
        return pair(a, b);
      }),
    );
  rows.push(['pauses with a suggestion (Hearth · naive)', ...cells((h) => h.pause_coverage_pct, ' %')]);
  rows.push(['pause → ghost p50', ...cells((h) => h.pause_to_ghost_p50_ms, ' ms')]);
  rows.push(['pause → ghost p95', ...cells((h) => h.pause_to_ghost_p95_ms, ' ms')]);
  rows.push(['requests', ...cells((h) => h.requests, '')]);
  rows.push(['  started mid-typing', ...cells((h) => h.requests_mid_typing, '')]);
  rows.push(['generation never shown', ...cells((h) => h.wasted_generation_pct, ' %')]);
  return table(rows);
}

/** Where the wasted generation went, per configuration, typist and model (all sessions of each pooled). */
export function wasteTable(results: readonly SessionResult[]): string {
  const rows = [
    [
      'config typist model',
      'wasted/requests',
      'mid-typing: asked → shown',
      'mid-typing share of waste (after next key)',
      'wasted ended prefill/streaming/done',
      'stale on arrival',
      'after a word char',
      'key→arrival p50/p90',
      'arrival→next key p50/p90',
      'life p50/p90',
      'slot after next key p50/p90',
      'queued (p50/p90)',
      'while shown',
    ],
  ];
  for (const config of CONFIGS) {
    for (const typist of TYPISTS) {
      for (const model of MODEL_BEHAVIOURS) {
        const facts = results.filter((r) => r.config === config && r.typist === typist && r.model === model).flatMap((r) => r.figures.facts);
        if (facts.length === 0) continue;
        const w = wasteBreakdown(facts);
        rows.push([
          `${config} ${typist} ${model}`,
          `${w.wasted}/${w.requests}`,
          `${w.midTypingAll} → ${w.midTypingShown}`,
          `${w.midTypingWastedPct} % (${w.midTypingWastedAfterKeyPct} %)`,
          `${w.endedInPrefill}/${w.endedStreaming}/${w.ranToEnd}`,
          String(w.staleOnArrival),
          String(w.midTypingAfterWordChar),
          `${w.sinceKeyMs.p50}/${w.sinceKeyMs.p90} ms`,
          `${w.untilNextKeyMs.p50}/${w.untilNextKeyMs.p90} ms`,
          `${w.lifeMs.p50}/${w.lifeMs.p90} ms`,
          `${w.heldAfterKeyMs.p50}/${w.heldAfterKeyMs.p90} ms`,
          `${w.queued} (${w.queuedMs.p50}/${w.queuedMs.p90} ms)`,
          String(w.whileShown),
        ]);
      }
    }
  }
  return table(rows);
}

function cellHeadline(results: readonly SessionResult[], config: ConfigName, typist: TypistName, model: ModelBehaviour): Headline | undefined {
  const figures = results.filter((r) => r.config === config && r.typist === typist && r.model === model).map((r) => r.figures);
  return figures.length > 0 ? headline(figures) : undefined;
}

/**
 * Generation never shown per configuration, typist and model (means over
 * sessions), as measured and with one kind of request removed or cut short
 * (first order: see whatIf()).
 */
export function whatIfTable(results: readonly SessionResult[]): string {
  const rows = [['config typist model', 'never shown', 'without mid-typing requests', 'mid-typing aborted at the next key', 'without stale-on-arrival requests']];
  const mean = (values: readonly number[]): string => `${(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)).toFixed(1)} %`;
  for (const config of CONFIGS) {
    for (const typist of TYPISTS) {
      for (const model of MODEL_BEHAVIOURS) {
        const cells = results.filter((r) => r.config === config && r.typist === typist && r.model === model).map((r) => whatIf(r.figures.facts));
        if (cells.length === 0) continue;
        rows.push([
          `${config} ${typist} ${model}`,
          mean(cells.map((c) => c.nowPct)),
          mean(cells.map((c) => c.noMidTypingPct)),
          mean(cells.map((c) => c.abortAtNextKeyPct)),
          mean(cells.map((c) => c.noStaleOnArrivalPct)),
        ]);
      }
    }
  }
  return table(rows);
}

/**
 * The path from keystroke to screen, per configuration and typist (both
 * models pooled): what the real editor adds to the simulated one.
 */
export function pathTable(results: readonly SessionResult[]): string {
  const rows = [
    ['config typist', 'pause requests: key→arrival p50/p90', 'answer end→on screen p50/p90', 'pauses entered with a stale request in the slot (held p50/p90)', 'pauses after a word char'],
  ];
  const spread = (values: readonly number[]): string => `${percentile(values, 50) ?? '–'}/${percentile(values, 90) ?? '–'} ms`;
  for (const config of CONFIGS) {
    for (const typist of TYPISTS) {
      const mine = results.filter((r) => r.config === config && r.typist === typist);
      if (mine.length === 0) continue;
      const pauseDelays = mine.flatMap((r) => r.figures.facts.filter((f) => f.state !== undefined && !f.midTyping).map((f) => Math.round(f.sinceKeyMs)));
      const held = mine.flatMap((r) => r.figures.staleSlotIntoPauseMs);
      const pauses = mine.reduce((n, r) => n + r.figures.pauses.length, 0);
      const afterWord = mine.reduce((n, r) => n + r.figures.pauses.filter((p) => p.afterWordChar).length, 0);
      rows.push([
        `${config} ${typist}`,
        spread(pauseDelays),
        spread(mine.flatMap((r) => r.figures.answerToScreenMs)),
        `${held.length}/${pauses} (${spread(held)})`,
        `${afterWord}/${pauses}`,
      ]);
    }
  }
  return table(rows);
}

/** How noisy the editor was per configuration: the clock alignment and how late keys were handled. */
export function noiseLines(runs: readonly { readonly config: ConfigName; readonly noise?: { clockRoundTripMs: number; keyLagMs: readonly number[] } }[]): string[] {
  return CONFIGS.flatMap((config) => {
    const mine = runs.filter((r) => r.config === config && r.noise !== undefined);
    if (mine.length === 0) return [];
    const lags = mine.flatMap((r) => r.noise?.keyLagMs ?? []);
    const rtt = Math.max(...mine.map((r) => r.noise?.clockRoundTripMs ?? 0));
    return [`  ${config}: keys handled by the page p50 ${percentile(lags, 50) ?? 0} / p95 ${percentile(lags, 95) ?? 0} / max ${Math.max(0, ...lags)} ms after sent; clock aligned within ±${(rtt / 2).toFixed(1)} ms`];
  });
}

/** The last line's object: `fixed`/`predictive` for the fast typist, `slow` for the slow one, `naive` the same again. */
export function finalJson(results: readonly SessionResult[]): Record<string, unknown> {
  const shape = (config: ConfigName): Record<string, unknown> => ({
    fixed: cellHeadline(results, config, 'fast', 'fixed') ?? null,
    predictive: cellHeadline(results, config, 'fast', 'predictive') ?? null,
    slow: { fixed: cellHeadline(results, config, 'slow', 'fixed') ?? null, predictive: cellHeadline(results, config, 'slow', 'predictive') ?? null },
  });
  return { ...shape('hearth'), naive: shape('naive') };
}

function mapDefined<T, U>(value: T | undefined, fn: (v: T) => U): U | undefined {
  return value === undefined ? undefined : fn(value);
}

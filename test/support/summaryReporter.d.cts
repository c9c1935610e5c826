import type Mocha from 'mocha';

/** Mocha's Spec reporter that also writes HEARTH_SUMMARY_FILE and HEARTH_TEST_LOG. */
export declare class SummaryReporter extends Mocha.reporters.Spec {}

/** The JSON written to HEARTH_SUMMARY_FILE when a run ends. */
export interface TestSummary {
  passes: number;
  failures: number;
  pending: number;
  tests: number;
  duration: number;
  failed: { title: string; error: string }[];
}

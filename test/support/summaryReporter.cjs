// A mocha reporter shared by every test tier: mocha's Spec output, plus
//  - HEARTH_SUMMARY_FILE: a JSON summary written when the run ends, which
//    scripts/test.mjs reads to fail tiers that broke or ran no test at all;
//  - HEARTH_TEST_LOG: a copy of the Spec output. Inside a VS Code extension
//    host the console reaches only the browser, so the outer runner prints this
//    file instead.
// CommonJS so mocha can load it by path from any tier, and so the integration
// bundle can import it (mocha itself stays external there).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const Mocha = require('mocha');

const { Base, Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_TEST_FAIL } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    const logFile = process.env.HEARTH_TEST_LOG;
    const summaryFile = process.env.HEARTH_SUMMARY_FILE;
    // Spec prints through the static Base.consoleLog; tee it while this run lasts.
    const originalLog = Base.consoleLog;
    if (logFile) {
      fs.mkdirSync(path.dirname(logFile), { recursive: true });
      Base.consoleLog = (...args) => {
        originalLog(...args);
        fs.appendFileSync(logFile, util.format(...args) + '\n');
      };
    }
    super(runner, options);

    const failed = [];
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      failed.push({ title: test.fullTitle(), error: String((err && err.message) || err) });
    });
    // Registered after Spec's own end listener, so the epilogue is in the log.
    runner.once(EVENT_RUN_END, () => {
      Base.consoleLog = originalLog;
      if (!summaryFile) return;
      const s = this.stats;
      const summary = {
        passes: s.passes,
        failures: s.failures,
        pending: s.pending,
        tests: s.tests,
        duration: s.duration ?? 0,
        failed,
      };
      fs.mkdirSync(path.dirname(summaryFile), { recursive: true });
      fs.writeFileSync(summaryFile, JSON.stringify(summary, null, 2) + '\n');
    });
  }
}

module.exports = SummaryReporter;
module.exports.SummaryReporter = SummaryReporter;

// Pins where teardown begins for the log check and how ERROR lines are grouped per process.
import { describe, expect, it } from 'vitest';

import { cleanTeardownLogs } from '../../src/check/clean-teardown-logs.ts';
import { history, log, step } from './build-history.ts';

describe('clean-teardown-logs', () => {
  it('holds when no teardown step ran, whatever the logs say', () => {
    const run = history({ logs: [log(5_000, 'Failed to write audit batch')] });

    expect(cleanTeardownLogs.check(run)).toEqual([]);
  });

  it('holds when ERROR lines come only before teardown and later lines are below ERROR', () => {
    const run = history({
      teardownSteps: [step('flush', 10_000)],
      logs: [
        log(9_999, 'Failed to write audit batch'),
        log(10_500, 'retrying audit batch', { level: 'WARN' }),
      ],
    });

    expect(cleanTeardownLogs.check(run)).toEqual([]);
  });

  it('flags an ERROR line logged in the ms teardown began', () => {
    const run = history({
      teardownSteps: [step('close', 10_000)],
      logs: [log(10_000, 'Failed to write audit batch')],
    });

    expect(cleanTeardownLogs.check(run).map((v) => v.atMs)).toEqual([10_000]);
  });

  it('starts the teardown at the first step of any process', () => {
    const run = history({
      teardownSteps: [step('close', 10_000, { process: 1 }), step('close', 7_000, { process: 2 })],
      logs: [log(8_000, 'connection refused', { process: 1 })],
    });

    const violations = cleanTeardownLogs.check(run);

    expect(violations.map((v) => v.process)).toEqual([1]);
    expect(violations[0]?.message).toContain('after teardown began at 7000 ms');
  });

  it('reports one violation per process with its count and first ERROR line', () => {
    const run = history({
      teardownSteps: [step('stopDataStorage', 1_000)],
      logs: [
        log(3_000, 'Failed to write audit batch', { process: 2 }),
        log(2_000, 'connection refused', { process: 2 }),
        log(2_500, 'Failed to close audit store', { process: 1 }),
        log(2_500, 'dropping batch', { process: 2 }),
      ],
    });

    expect(cleanTeardownLogs.check(run)).toEqual([
      {
        property: 'clean-teardown-logs',
        atMs: 2_500,
        process: 1,
        message:
          'process 1 logged 1 ERROR line after teardown began at 1000 ms; ' +
          'first at 2500 ms: Failed to close audit store',
      },
      {
        property: 'clean-teardown-logs',
        atMs: 2_000,
        process: 2,
        message:
          'process 2 logged 3 ERROR lines after teardown began at 1000 ms; ' +
          'first at 2000 ms: connection refused',
      },
    ]);
  });
});

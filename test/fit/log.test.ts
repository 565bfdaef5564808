// Log lines as CI shows them: zap's tab-separated records with the JSON fields on the same line
// or on the next, second- or millisecond-resolution timestamps, and a runner's prefix.
import { describe, expect, it } from 'vitest';
import { parseLog, parseTimestamp } from '../../src/fit/log.ts';

const T = '\t';

describe('parseLog', () => {
  it('reads the fields from the same line or from the line after the message', () => {
    const text = [
      `2026-01-04T17:44:20Z${T}ERROR${T}audit.audit-store${T}Failed to write audit batch`,
      '{"attempt": 1, "batch_size": 2}',
      '',
      `2026-01-04T17:44:21.400Z${T}ERROR${T}audit.audit-store${T}Failed to write audit batch` +
        `${T}{"attempt": 2}`,
    ].join('\n');
    const { records, skippedLines } = parseLog(text);
    expect(records.map((r) => r.fields)).toEqual([{ attempt: 1, batch_size: 2 }, { attempt: 2 }]);
    expect(records.map((r) => r.line)).toEqual([1, 4]);
    expect(skippedLines).toBe(0);
  });

  it("takes zap's timestamp after a CI runner's own and skips lines that are no record", () => {
    const text = [
      `2026-01-04T17:44:20.1234567Z 2026-01-04T17:44:20Z${T}INFO${T}suite${T}stopped`,
      'some other output',
      '# a comment',
    ].join('\n');
    const { records, skippedLines } = parseLog(text);
    expect(records).toHaveLength(1);
    expect(records[0]!.atUtcMs).toBe(Date.parse('2026-01-04T17:44:20Z'));
    expect([records[0]!.level, records[0]!.logger, records[0]!.message]).toEqual([
      'INFO',
      'suite',
      'stopped',
    ]);
    expect(skippedLines).toBe(2);
  });

  it('does not take the next record as the fields of a record without any', () => {
    const text = [
      `2026-01-04T17:44:20Z${T}INFO${T}a${T}one`,
      `2026-01-04T17:44:21Z${T}INFO${T}a${T}two`,
    ];
    expect(parseLog(text.join('\n')).records.map((r) => r.message)).toEqual(['one', 'two']);
  });
});

describe('parseTimestamp', () => {
  it('knows the resolution the timestamp was printed with', () => {
    expect(parseTimestamp('2026-01-04T17:44:20Z')?.resolutionMs).toBe(1_000);
    expect(parseTimestamp('2026-01-04T17:44:20.4Z')?.resolutionMs).toBe(100);
    expect(parseTimestamp('2026-01-04T17:44:20.400Z')?.resolutionMs).toBe(1);
    expect(parseTimestamp('2026-01-04T18:44:20+01:00')?.atUtcMs).toBe(
      Date.parse('2026-01-04T17:44:20Z'),
    );
    expect(parseTimestamp('17:44:20')).toBeNull();
  });
});

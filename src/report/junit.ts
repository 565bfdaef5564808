// The validate result as JUnit XML, the format CI systems show as test results: one test suite per
// fix, one test case per property (and the livelock verdict); a violated property is a failure
// that carries its minimal counterexample and the command that replays it.
import type { Counterexample, FixReport, ValidateResult } from '../explore/validate.ts';
import { VERDICT_IDS } from '../explore/validate.ts';
import { exploredBy } from '../explore/results.ts';
import { count, sizePhrase } from './phrases.ts';
import { replayCommand, type ReplayTarget } from './matrix.ts';

/** Text safe inside XML attributes and elements: escaped, without characters XML 1.0 forbids. */
export function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- these are exactly what XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function failureBody(c: Counterexample | undefined, target: ReplayTarget): string {
  if (c === undefined) return '';
  const size = `${sizePhrase(c)}; ${c.origin}`;
  return [c.message, size, `replay: ${replayCommand(c, target)}`].join('\n');
}

function suite(result: ValidateResult, fix: FixReport, target: ReplayTarget): string {
  const name = `audit-race.${result.scenario}.${fix.fix}`;
  const failures = VERDICT_IDS.filter((v) => fix.violations[v] > 0).length;
  const properties = [
    ['scenario', result.scenario],
    ['profile', result.profile],
    ['seed', String(result.seed)],
    ['runs', String(fix.runs)],
    ['fix', fix.summary],
    ['plan', fix.plan],
  ].map(([k, v]) => `      <property name="${k}" value="${xmlText(v!)}"/>`);
  const cases = VERDICT_IDS.map((verdict) => {
    const open = `    <testcase classname="${xmlText(name)}" name="${verdict}"`;
    const violating = fix.violations[verdict];
    if (violating === 0) return `${open}/>`;
    const c = fix.counterexamples.find((x) => x.verdict === verdict);
    const message =
      `${violating} of ${count(fix.runs, exploredBy([fix]).unit)} violated ${verdict}` +
      (c ? `: ${c.message}` : '');
    return (
      `${open}>\n      <failure type="${verdict}" message="${xmlText(message)}">` +
      `${xmlText(failureBody(c, target))}</failure>\n    </testcase>`
    );
  });
  return [
    `  <testsuite name="${xmlText(name)}" tests="${VERDICT_IDS.length}" failures="${failures}" ` +
      `errors="0" skipped="0">`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

export function validateJunit(result: ValidateResult, target: ReplayTarget): string {
  const tests = result.fixes.length * VERDICT_IDS.length;
  const failures = result.fixes.reduce(
    (n, f) => n + VERDICT_IDS.filter((v) => f.violations[v] > 0).length,
    0,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="audit-race validate ${xmlText(result.scenario)}" tests="${tests}" ` +
      `failures="${failures}" errors="0">`,
    ...result.fixes.map((fix) => suite(result, fix, target)),
    '</testsuites>',
    '',
  ].join('\n');
}

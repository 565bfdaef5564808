// JUnit XML is read by CI systems that reject anything malformed: the report must parse as XML
// whatever the messages hold, with one test case per fix x verdict and a failure that carries the
// counterexample and its replay command for each violated property.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { VERDICT_IDS, type ValidateResult } from '../../src/explore/validate.ts';
import { validateJunit, xmlText } from '../../src/report/junit.ts';
import { RESULT, TARGET } from './results.ts';

interface Case {
  name: string;
  failure?: { '#text': string; message: string; type: string };
}

function parse(xml: string) {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return parser.parse(xml).testsuites as { testsuite: { name: string; testcase: Case[] }[] };
}

describe('validateJunit', () => {
  const xml = validateJunit(RESULT, TARGET);

  it('writes well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('has one suite per fix and one test case per verdict', () => {
    const suites = parse(xml).testsuite;
    expect(suites.map((s) => s.name)).toEqual(
      RESULT.fixes.map((f) => `audit-race.${RESULT.scenario}.${f.fix}`),
    );
    for (const s of suites) expect(s.testcase.map((c) => c.name)).toEqual([...VERDICT_IDS]);
  });

  it('fails exactly the violated properties, with the counterexample and replay command', () => {
    const suites = parse(xml).testsuite;
    RESULT.fixes.forEach((fix, i) => {
      for (const c of suites[i]!.testcase) {
        const count = fix.violations[c.name as (typeof VERDICT_IDS)[number]];
        expect(c.failure !== undefined, `${fix.fix} ${c.name}`).toBe(count > 0);
        if (c.failure === undefined) continue;
        expect(c.failure.message).toContain(`${count} of ${fix.runs} runs violated ${c.name}`);
        expect(c.failure['#text']).toContain(`replay: npx audit-race replay --fix ${fix.fix}`);
      }
    });
    const baseline = suites[0]!.testcase.find((c) => c.name === 'no-write-after-stop');
    expect(baseline?.failure?.['#text']).toContain('after DataStorage was stopped');
  });

  it('stays well-formed when messages hold markup, quotes and control characters', () => {
    const nasty = `<b>"x" & 'y'</b>\u0001\u001b]]>`;
    const fix = RESULT.fixes[0]!;
    const result: ValidateResult = {
      ...RESULT,
      scenario: 'a&b',
      fixes: [
        {
          ...fix,
          summary: nasty,
          counterexamples: fix.counterexamples.map((c) => ({ ...c, message: nasty })),
        },
      ],
    };
    const out = validateJunit(result, TARGET);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).toContain('&lt;b&gt;&quot;x&quot; &amp; &apos;y&apos;&lt;/b&gt;]]&gt;');
    expect(xmlText('\u0000a\u0008b\tc\n')).toBe('ab\tc\n');
  });
});

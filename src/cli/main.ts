// The audit-race command line: parses arguments, runs a command, owns stdout, stderr and the exit
// code (0 ok, 1 a property violated, 2 bad input). Errors are one readable message, never a stack.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { MAX_RUNS } from '../explore/validate.ts';
import { PROFILE_NAMES, PROFILE_SUMMARIES } from '../model/profiles.ts';
import { BUILT_IN_FIXES } from '../scenario/fixes.ts';
import { scenarioJsonSchema } from '../scenario/json-schema.ts';
import { AuditRaceError } from '../sim/errors.ts';
import { fitCommand } from './fit-command.ts';
import { DEFAULT_SCENARIO, PACKAGE_ROOT, displayPath } from './paths.ts';
import { DEFAULT_TIME_SCALE, realReplayCommand, timeScaleArgument } from './real-replay-command.ts';
import { replayCommand } from './replay-command.ts';
import { validateCommand } from './validate-command.ts';

const EXIT_BAD_INPUT = 2;
/** sysexits' EX_SOFTWARE: a bug of ours, not of the input. */
const EXIT_INTERNAL = 70;

function naturalNumber(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
      throw new InvalidArgumentError(`${name} must be a whole number ${range}, got "${value}".`);
    }
    return n;
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const write = (text: string) => process.stdout.write(text);
// A reader that stops early (`| head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
let exitCode = 0;

const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

const program = new Command('audit-race')
  .description('Explore shutdown races of buffered audit stores and validate teardown fixes.')
  .version(version, '-V, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .addHelpText(
    'after',
    `\nExit codes: 0 ok, 1 a property was violated (validate: only for fixes named with --fix), ` +
      `2 bad input.\nDefault scenario: ${displayPath(DEFAULT_SCENARIO)}`,
  );

program
  .command('validate')
  .description('Run every fix through the same exploration and print the fix x property matrix.')
  .argument('[scenario]', 'scenario JSON file, the same as --scenario')
  .option('-s, --scenario <file>', 'scenario JSON file (default: the seed CI run)')
  .addOption(
    new Option('-f, --fix <name>', 'fix to validate; repeat or comma-separate')
      .argParser(collect)
      .default(
        [],
        `those of ${BUILT_IN_FIXES.map((f) => f.name).join(', ')} and the scenario's own ` +
          "that have something to act on in the scenario's teardown; the others are named " +
          'under "Left out" in the text output, not in --json',
      ),
  )
  .option(
    '-n, --runs <n>',
    `runs per fix, at most ${MAX_RUNS}; exhaustive: the most schedules per fix`,
    naturalNumber('--runs', 1, MAX_RUNS),
    1000,
  )
  .option(
    '--seed <n>',
    'fast-check seed; the same seed gives the same matrix',
    naturalNumber('--seed', 0),
    1,
  )
  .option('--json', 'print the result as JSON (format audit-race/validate, version 1)')
  .addOption(
    new Option('--strategy <name>', 'how schedules are explored')
      .choices(['random', 'pct', 'exhaustive'])
      .default('random'),
  )
  .option(
    '--depth <d>',
    'pct: bug depth d (d-1 priority change points, default 3); exhaustive: most preemptions ' +
      'per schedule (default 2)',
    naturalNumber('--depth', 1),
  )
  .option(
    '-p, --profile <name>',
    `store profile instead of the scenario's, or "all" for a profile x property matrix`,
  )
  .option(
    '--suite <name>',
    'suite x property matrix over scenarios/suites: a suite name (e.g. workflowexecution) or all',
  )
  .option(
    '-w, --workers <n>',
    'worker threads to spread the fixes over (same results as one; pays off for long runs, ' +
      'each worker takes a second or two to start)',
    naturalNumber('--workers', 1),
    1,
  )
  .option('--save <dir>', 'write each counterexample as a self-contained JSON file into <dir>')
  .option('--report <file>', 'also write a Markdown report: matrix, counterexamples, pictures')
  .option('--junit <file>', 'also write JUnit XML: one test case per fix x property')
  .action(async (file: string | undefined, options) => {
    if (file !== undefined && options.scenario !== undefined && file !== options.scenario) {
      throw new AuditRaceError('USAGE', `Two scenarios given (${file}, ${options.scenario}).`);
    }
    exitCode = await validateCommand({ ...options, scenario: options.scenario ?? file }, write);
  });

program
  .command('replay')
  .description('Rerun one case and print its timeline in the CI log format, then the verdicts.')
  .argument('[file]', 'scenario or counterexample JSON file (default: the seed CI run)')
  .option('-f, --fix <name>', "fix to apply (default: baseline, or the counterexample file's)")
  .option('--case <code>', 'the case code a validate run printed')
  .option('-p, --profile <name>', "store profile instead of the scenario's")
  .addOption(
    new Option('--seed <n>', 'fast-check seed, with --path').argParser(naturalNumber('--seed', 0)),
  )
  .option('--path <path>', 'fast-check path, with --seed')
  .addOption(
    new Option('--strategy <name>', 'with --seed/--path: the strategy validate used')
      .choices(['random', 'pct'])
      .default('random'),
  )
  .option('--depth <d>', 'with --strategy pct: its depth (default 3)', naturalNumber('--depth', 1))
  .option(
    '--svg <file>',
    "also write the run's swimlane timeline as an SVG picture (not with --real)",
  )
  .option('--real', 'also run it for real: the reference store against a DataStorage on 127.0.0.1')
  .option(
    '--time-scale <f>',
    `with --real: real ms per scenario ms (default ${DEFAULT_TIME_SCALE})`,
    timeScaleArgument,
  )
  .action(async (file: string | undefined, options) => {
    // --time-scale alone goes the --real way too, to be refused there with its reason.
    const real = options.real === true || options.timeScale !== undefined;
    exitCode = real
      ? await realReplayCommand(file, options, write)
      : replayCommand(file, options, write);
  });

program
  .command('fit')
  .description(
    'Read a CI log of failed audit writes: infer batches, writers, attempts, the backoff rule ' +
      'and when DataStorage went away; replay a scenario built from that; check claims.',
  )
  .argument('<logfile>', 'log with "Failed to write audit batch" lines (zap console format)')
  .option('--claim-backoff <list>', 'claimed sleeps between attempts in seconds, e.g. 1,4,16')
  .option('--claim-retry-window <duration>', 'claimed time from first to last attempt, e.g. 21s')
  .option('--save-scenario <file>', 'also write the scenario built from the log, for validate')
  .action((file: string, options) => {
    exitCode = fitCommand(file, options, write);
  });

program
  .command('schema')
  .description('Print the JSON Schema of scenario files (also in docs/scenario.schema.json).')
  .action(() => {
    write(scenarioJsonSchema());
  });

program
  .command('list')
  .description('List the built-in fixes and store profiles.')
  .action(() => {
    write('Fixes:\n');
    for (const fix of BUILT_IN_FIXES) write(`  ${fix.name.padEnd(9)} ${fix.summary}\n`);
    const profiles = PROFILE_NAMES.map((p) => `  ${p.padEnd(22)} ${PROFILE_SUMMARIES[p] ?? ''}\n`);
    write(`Store profiles (each the one before plus its change):\n${profiles.join('')}`);
  });

try {
  await program.parseAsync();
} catch (error) {
  exitCode = exitCodeFor(error);
}
process.exitCode = exitCode;

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander already printed the message (or the help, for --help and --version).
    return error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
  }
  if (error instanceof AuditRaceError && error.code !== 'INTERNAL') {
    process.stderr.write(`audit-race: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(
    `audit-race: internal error, please report it with the command you ran:\n${detail}\n`,
  );
  return EXIT_INTERNAL;
}

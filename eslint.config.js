// Lint rules that guard the project's habits: no ambient time or randomness in src/ (one seed
// drives everything) and no printing from library code (the CLI owns its output).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ambient = [
  { object: 'Math', property: 'random', message: 'Take randomness from the run seed or tape.' },
  {
    object: 'Date',
    property: 'now',
    message: 'Use virtual time; real time lives in cli/wallclock.',
  },
  { object: 'performance', property: 'now', message: 'Real time lives in cli/wallclock.' },
];

const printing = [
  { object: 'process', property: 'stdout', message: 'Library code never prints.' },
  { object: 'process', property: 'stderr', message: 'Library code never prints.' },
  { object: 'process', property: 'exit', message: 'Only the CLI sets exit codes.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', '.scratch*/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'max-len': [
        'error',
        { code: 100, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/wallclock.ts'],
    rules: {
      'no-restricted-properties': ['error', ...ambient],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'setImmediate'],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'NewExpression[callee.name="Date"][arguments.length=0]',
          message: 'No ambient time in src/.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': ['error', ...ambient, ...printing],
    },
  },
);

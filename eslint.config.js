// Lint that guards the architecture as well as the code: no floating promises, and no module
// reaching into another module's files (modules talk through their public services).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const moduleInternals = {
  regex: '^\\.\\./(?!\\.\\./)[^/]+/(commands|queries|catalogs|import|routes|schema)\\.js$',
  message: 'A module uses another module through its public service, not its internals.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'data/', 'tmp/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Text written into a .docx goes through platform/docx.ts, which keeps it XML-legal.
          paths: [{ name: 'docx', importNames: ['TextRun', 'Document', 'Packer'], message: 'Write .docx through platform/docx.ts (textRun, officialDocx): it keeps the text XML-legal.' }],
          patterns: [moduleInternals],
        },
      ],
    },
  },
  // Tests build .docx files of their own to upload.
  { files: ['server/src/modules/**/*.test.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [moduleInternals] }] } },
  // A calendar date ("today", a year, a month) is China's, read through platform/time.ts on the
  // server and shared/time.ts in the browser; taken from UTC (or the machine's zone) it is a day
  // off for eight hours of every day. time.test.ts greps for what these selectors cannot see.
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['server/src/platform/time.ts', 'web/src/shared/time.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(slice|substring|substr)$/][arguments.0.value=0][callee.object.callee.property.name=/^(toISOString|toJSON)$/], CallExpression[callee.property.name='split'][callee.object.callee.property.name=/^(toISOString|toJSON)$/]",
          message: "A date cut from UTC text is not China's date: use chinaDate() from platform/time.ts (today() from web/src/shared/time.ts), or addDays() for arithmetic.",
        },
        {
          // The modules' now() and the seeds' moment() return UTC text: now().slice(0, 10) was UTC's date.
          selector: 'CallExpression[callee.property.name=/^(slice|substring|substr)$/][arguments.0.value=0][callee.object.callee.name=/^(now|moment)$/]',
          message: "A date cut from UTC text is not China's date: use chinaDate() from platform/time.ts.",
        },
        {
          selector: 'CallExpression[callee.property.name=/^get(UTC)?(FullYear|Month|Date|Day)$/]',
          message: "A year, month or day read from UTC or the machine's zone is not China's: use chinaDate(), chinaYear() or chinaMonth() from platform/time.ts (web: shared/time.ts).",
        },
      ],
    },
  },
  // node:test's describe and it return promises that the runner itself awaits.
  { files: ['**/*.test.ts'], rules: { '@typescript-eslint/no-floating-promises': 'off' } },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: globals.node } },
);

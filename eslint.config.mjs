import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'media/out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'dist-vsix/**', '.demo/**', 'test/fixtures/articles/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is the logic we test in plain Node: it must never depend on the editor.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core must not import vscode: inject what it needs.' }] }],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.mjs', 'bench/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  { files: ['**/*.mjs', '**/*.cjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.mjs', '**/*.cjs'], languageOptions: { globals: { ...globals.node } } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // UI tests run under mocha and pass callbacks that Playwright evaluates in the page.
  { files: ['test/ui/**/*.mjs'], languageOptions: { globals: { ...globals.mocha, ...globals.browser } } },
);

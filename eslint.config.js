import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

const uiAndIo = [
  { group: ['react', 'react-*', 'react/*'], message: 'src/domain is pure: no React.' },
  { group: ['@deck.gl/*', 'deck.gl'], message: 'src/domain is pure: no deck.gl.' },
  { group: ['maplibre-gl', 'maplibre-gl/*'], message: 'src/domain is pure: no MapLibre.' },
  {
    group: ['fs', 'fs/*', 'node:*', 'path', 'child_process', 'os', '@duckdb/*'],
    message: 'src/domain is pure: no Node I/O.',
  },
  {
    group: ['**/pipeline/**', '**/ui/**', '**/map/**', '**/state/**', '**/data/**'],
    message: 'src/domain depends on nothing else in src.',
  },
];

export default tseslint.config(
  {
    ignores: ['dist', 'node_modules', 'public', 'geodata/raw', 'test-artifacts', 'bench/out'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        window: 'readonly',
        document: 'readonly',
        console: 'readonly',
        process: 'readonly',
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: [
      'src/**/*.tsx',
      'src/ui/**/*.ts',
      'src/map/**/*.ts',
      'src/state/**/*.ts',
      'src/data/**/*.ts',
    ],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: uiAndIo }] },
  },
  // Browser folders: no Node pipeline, and no upward imports (domain ← data ← state ← map ←
  // story / export ← ui).
  ...[
    ['src/data/**', ['state', 'map', 'story', 'export', 'ui']],
    ['src/state/**', ['map', 'story', 'export', 'ui']],
    ['src/map/**', ['story', 'export', 'ui']],
    ['src/story/**', ['export', 'ui']],
    ['src/export/**', ['ui']],
    ['src/ui/**', []],
  ].map(([folder, above]) => ({
    files: [folder],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/pipeline/**', 'fs', 'node:*', '@duckdb/*'],
              message: 'Browser code must not import the Node pipeline.',
            },
            ...above.map((f) => ({
              group: [`**/${f}/**`, `../${f}`, `../${f}/*`],
              message: `${folder.replace('/**', '')} must not import src/${f} (dependencies point down: domain ← data ← state ← map ← story / export ← ui).`,
            })),
          ],
        },
      ],
    },
  })),
);

import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const FEATURES = ['auth', 'contracts', 'documents', 'reports', 'rates', 'audit', 'company'];

// DESIGN §10 (bulletproof-react): code flows shared (components, lib, utils) → features → app.
// Features never import each other, and nothing outside src/app imports src/app.
const featureBoundaries = FEATURES.map((feature) => ({
  files: [`src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: FEATURES.filter((other) => other !== feature).flatMap((other) => [
              `@/features/${other}`,
              `@/features/${other}/*`,
              `../${other}`,
              `../${other}/*`,
              `../../${other}/*`,
            ]),
            message: 'Features never import each other: compose them in src/app.',
          },
          { group: ['@/app', '@/app/*'], message: 'Features never import the app layer.' },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/api/schema.d.ts'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The CSP forbids it anyway; the rule says why at the source.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No dangerouslySetInnerHTML: render text.' },
        { selector: "MemberExpression[object.name='localStorage'][property.name!='getItem'][property.name!='setItem']", message: 'localStorage holds only the language.' },
      ],
      'no-restricted-globals': ['error', { name: 'sessionStorage', message: 'Tokens live in memory only.' }],
    },
  },
  ...featureBoundaries,
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}', 'src/utils/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/features/*', '@/app', '@/app/*'], message: 'Shared code imports no feature and no app code.' }] },
      ],
    },
  },
);

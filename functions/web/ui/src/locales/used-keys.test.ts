import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every translation key the source uses with a literal (`t('signIn.title')`,
 * `i18nKey="..."`) exists in the English catalogue of the namespace it is looked up in: the
 * namespace of the `useTranslation('<ns>')` that made that `t` (`common` without one), a
 * `'<ns>:key'` prefix, or a `{ ns: '<ns>' }` option. Keys built at run time (template
 * literals, variables) are not seen here; catalogues.test.ts checks the languages agree.
 */

// Vitest runs from the app's folder (package.json).
const src = join(process.cwd(), 'src');
const DEFAULT_NAMESPACE = 'common';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'api' && dir === src ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const catalogues = new Map<string, unknown>();
function englishCatalogue(namespace: string): unknown {
  if (!catalogues.has(namespace)) {
    try {
      catalogues.set(namespace, JSON.parse(readFileSync(join(src, 'locales', 'en', `${namespace}.json`), 'utf8')));
    } catch {
      catalogues.set(namespace, undefined);
    }
  }
  return catalogues.get(namespace);
}

function hasText(namespace: string, key: string): boolean {
  const lookup = (path: string) =>
    typeof path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), englishCatalogue(namespace)) === 'string';
  // i18next plurals: `t('items', { count })` reads `items_one`, `items_other`.
  return lookup(key) || lookup(`${key}_other`);
}

export interface KeyUse {
  file: string;
  key: string;
  /** The namespaces the key may come from (a file may hold components of several). */
  namespaces: string[];
}

/** The literal keys a source text looks up, with their namespaces. */
export function usedKeys(file: string, text: string): KeyUse[] {
  const bindings = new Map<string, Set<string>>();
  const hook = /\{([^{}]*)\}\s*=\s*useTranslation\(\s*(?:(['"])([\w-]+)\2|\[([^\]]*)\])?[^)]*\)/g;
  for (const match of text.matchAll(hook)) {
    const t = /(?:^|[\s,])t\s*(?::\s*(\w+))?\s*(?:,|$)/.exec(match[1] ?? '');
    if (!t) continue;
    const name = t[1] ?? 't';
    const namespaces = match[3]
      ? [match[3]]
      : match[4]
        ? [...match[4].matchAll(/['"]([\w-]+)['"]/g)].map((m) => m[1] ?? DEFAULT_NAMESPACE)
        : [DEFAULT_NAMESPACE];
    const known = bindings.get(name) ?? new Set<string>();
    for (const namespace of namespaces) known.add(namespace);
    bindings.set(name, known);
  }
  const uses: KeyUse[] = [];
  const add = (key: string, fallback: Set<string>, options: string) => {
    const prefixed = /^([\w-]+):(.+)$/.exec(key);
    const option = /^\s*,\s*\{[^}]*\bns\s*:\s*['"]([\w-]+)['"]/.exec(options);
    if (prefixed?.[1] && prefixed[2]) uses.push({ file, key: prefixed[2], namespaces: [prefixed[1]] });
    else if (option?.[1]) uses.push({ file, key, namespaces: [option[1]] });
    else uses.push({ file, key, namespaces: [...fallback] });
  };
  for (const [name, namespaces] of bindings) {
    const call = new RegExp(`(?<![\\w.$])${name}\\(\\s*(?:'([^'\\n]+)'|"([^"\\n]+)"|\`([^\`$\\n]+)\`)`, 'g');
    for (const match of text.matchAll(call)) {
      add(match[1] ?? match[2] ?? match[3] ?? '', namespaces, text.slice(match.index + match[0].length, match.index + match[0].length + 200));
    }
  }
  const allNamespaces = new Set([...bindings.values()].flatMap((set) => [...set]));
  for (const match of text.matchAll(/i18nKey=(?:"([^"]+)"|'([^']+)'|\{\s*'([^']+)'\s*\})/g)) {
    add(match[1] ?? match[2] ?? match[3] ?? '', allNamespaces.size ? allNamespaces : new Set([DEFAULT_NAMESPACE]), '');
  }
  return uses;
}

describe('the translation keys used in the source', () => {
  const uses = sourceFiles(src).flatMap((path) => usedKeys(relative(src, path), readFileSync(path, 'utf8')));

  it('are found by the scan (the shell and sign-in use some)', () => {
    expect(uses).toContainEqual({ file: join('features', 'auth', 'SignInPage.tsx'), key: 'signIn.title', namespaces: ['auth'] });
    expect(uses).toContainEqual({ file: join('app', 'Layout.tsx'), key: 'skipToContent', namespaces: ['common'] });
  });

  it('each exist in the English catalogue of their namespace', () => {
    const missing = uses
      .filter((use) => !use.namespaces.some((namespace) => hasText(namespace, use.key)))
      .map((use) => `${use.file}: ${use.namespaces.join('|')}:${use.key}`);
    expect(missing).toEqual([]);
  });
});

describe('the key scan', () => {
  it('follows each t to its namespace, aliases, prefixes and options included', () => {
    const text = `
      const { t } = useTranslation('contracts');
      const { t: tc, i18n } = useTranslation();
      t('list.title'); tc("signOut"); t(\`form.save\`); t(\`status.\${x}\`);
      t('common:cancel'); t('reason.label', { ns: 'common' }); other.t('not.ours');
      <Trans i18nKey="detail.note" />`;
    expect(usedKeys('x.tsx', text)).toEqual([
      { file: 'x.tsx', key: 'list.title', namespaces: ['contracts'] },
      { file: 'x.tsx', key: 'form.save', namespaces: ['contracts'] },
      { file: 'x.tsx', key: 'cancel', namespaces: ['common'] },
      { file: 'x.tsx', key: 'reason.label', namespaces: ['common'] },
      { file: 'x.tsx', key: 'signOut', namespaces: ['common'] },
      { file: 'x.tsx', key: 'detail.note', namespaces: ['contracts', 'common'] },
    ]);
  });

  it('reports a key missing from the catalogue', () => {
    const uses = usedKeys('y.tsx', `const { t } = useTranslation('auth'); t('signIn.noSuchKey');`);
    expect(uses).toEqual([{ file: 'y.tsx', key: 'signIn.noSuchKey', namespaces: ['auth'] }]);
    expect(hasText('auth', 'signIn.noSuchKey')).toBe(false);
    expect(hasText('auth', 'signIn.title')).toBe(true);
  });
});

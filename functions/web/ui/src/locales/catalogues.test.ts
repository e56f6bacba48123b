import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '@/lib/i18n';

// Vitest runs from the app's folder (package.json).
const root = join(process.cwd(), 'src', 'locales');

function keys(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

function catalogue(language: string, namespace: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(root, language, `${namespace}.json`), 'utf8'));
}

const namespaces = readdirSync(join(root, 'en'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));

describe('the catalogues', () => {
  it('exist for every language and no other', () => {
    const folders = readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual([...LANGUAGES].sort());
  });

  it.each(namespaces)('%s has every key in every language, each a non-empty text', (namespace) => {
    const reference = keys(catalogue('en', namespace)).sort();
    expect(reference.length).toBeGreaterThan(0);
    for (const language of LANGUAGES) {
      const entries = catalogue(language, namespace);
      expect({ language, keys: keys(entries).sort() }).toEqual({ language, keys: reference });
      for (const key of reference) {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], entries);
        expect(typeof text === 'string' && text.trim() !== '', `${language}/${namespace}: ${key}`).toBe(true);
      }
    }
  });

  it('every language has every namespace', () => {
    for (const language of LANGUAGES) {
      const files = readdirSync(join(root, language)).filter((file) => file.endsWith('.json')).sort();
      expect({ language, files }).toEqual({ language, files: namespaces.map((n) => `${n}.json`).sort() });
    }
  });
});

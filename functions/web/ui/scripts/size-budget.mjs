// Reports the gzip size of the entry chunk (the JavaScript index.html loads first, with the
// chunks it imports statically) and fails the build over the budget.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_KIB = 250;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]+src="\/v1\/app\/([^"]+)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/v1\/app\/([^"]+)"/g)].map((m) => m[1]);
const entry = [...scripts, ...preloads];
if (entry.length === 0) {
  console.error('size budget: no entry script found in dist/index.html');
  process.exit(1);
}
let total = 0;
for (const file of entry) {
  const gz = gzipSync(readFileSync(join(dist, file))).length;
  total += gz;
  console.log(`  ${file}: ${(gz / 1024).toFixed(1)} KiB gzip`);
}
const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const allGz = all.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, 'assets', f))).length, 0);
console.log(
  `size budget: entry chunk ${(total / 1024).toFixed(1)} KiB gzip (budget ${BUDGET_KIB} KiB); all JavaScript ${(allGz / 1024).toFixed(1)} KiB gzip in ${all.length} files`,
);
if (total > BUDGET_KIB * 1024) {
  console.error(`size budget exceeded: ${(total / 1024).toFixed(1)} KiB > ${BUDGET_KIB} KiB`);
  process.exit(1);
}

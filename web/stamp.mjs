// Writes dist/build-hash.txt: the SHA-256 of the explorer's sources (the same files, in the same way,
// as web/embed_test.go hashes them), so a Go test can tell when the committed build is stale.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const inputs = ['index.html', 'playground.html', 'examples.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'vite.config.ts'];
function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else inputs.push(p);
  }
}
walk('src');
inputs.sort();
const h = createHash('sha256');
for (const f of inputs) {
  h.update(f + '\n');
  h.update(readFileSync(f));
  h.update('\n');
}
writeFileSync('dist/build-hash.txt', h.digest('hex') + '\n');

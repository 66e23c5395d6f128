// Writes src/playground/examples.json: the example queries of the README, docs/examples.md and
// docs/geography.md (each ```graphql block that a ```json answer follows, as
// internal/server/readme_test.go runs them), with the sentence that introduces each one. The
// Playground opens with one tab per example; web/embed_test.go checks that this file still matches
// those pages.
import { readFileSync, writeFileSync } from 'node:fs';

export const pages = ['README.md', 'docs/examples.md', 'docs/geography.md'];
const blocks = pages.map((p) => readFileSync('../' + p, 'utf8')).join('\n\n').split('```');
const examples = [];
for (let i = 1; i + 2 < blocks.length; i += 2) {
  if (!blocks[i].startsWith('graphql\n') || !blocks[i + 2].startsWith('json\n')) continue;
  const paragraphs = blocks[i - 1].trim().split('\n\n');
  examples.push({
    description: paragraphs[paragraphs.length - 1].replace(/\s+/g, ' ').replace(/:$/, ''),
    query: blocks[i].slice('graphql\n'.length),
  });
}
if (examples.length === 0) throw new Error(`no example queries found in ${pages.join(', ')}`);
writeFileSync('src/playground/examples.json', JSON.stringify(examples, null, 2) + '\n');

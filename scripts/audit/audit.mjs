// The GraphQL-over-HTTP audit (graphql-http's auditServer) against a running server.
// Usage: node audit.mjs [URL]   (default http://127.0.0.1:8080/graphql)
// Exits non-zero when any MUST fails; lists failing SHOULDs with the reason.
import { auditServer } from 'graphql-http';

const url = process.argv[2] || 'http://127.0.0.1:8080/graphql';
const results = await auditServer({ url });
let mustFailures = 0;
let shouldFailures = 0;
for (const r of results) {
  if (r.status === 'ok') continue;
  const level = r.name.startsWith('MUST') ? 'MUST' : r.name.startsWith('SHOULD') ? 'SHOULD' : 'MAY';
  const reason = typeof r.reason === 'string' ? r.reason : JSON.stringify(r.reason);
  if (r.status === 'error') mustFailures++;
  else shouldFailures++;
  console.log(`${r.status.toUpperCase()} [${level}] ${r.id} ${r.name}\n    ${reason}`);
}
const ok = results.filter((r) => r.status === 'ok').length;
console.log(`audit: ${ok} passed, ${mustFailures} MUST failed, ${shouldFailures} SHOULD/MAY warned, of ${results.length}`);
process.exit(mustFailures > 0 ? 1 : 0);

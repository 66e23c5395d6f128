// Follows Urbangraph's change feed over WebSocket with the graphql-ws client and prints each change
// as a line of JSON. When the connection drops (a replica restarts), it subscribes again from the
// last seq it printed, so it misses nothing and prints nothing twice. The README's example:
//
//   cd bench/subscribers && npm ci && node follow.mjs [http://localhost:8080] [after]
//
// URBANGRAPH_TOKEN, when set, is sent in connection_init (needed when reads need a token).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const base = process.argv[2] || 'http://localhost:8080';
let last = Number(process.argv[3] || 0);
const token = process.env.URBANGRAPH_TOKEN;
const client = createClient({
  url: base.replace(/^http/, 'ws') + '/graphql',
  webSocketImpl: WebSocket,
  connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
  retryAttempts: 0, // this loop reconnects, from the last seq it saw
});
const query = `subscription($after: Int) {
  changes(after: $after) { seq at actor operation entityId from type to fields { name before after } }
}`;

for (;;) {
  try {
    for await (const { data, errors } of client.iterate({ query, variables: { after: last } })) {
      if (errors) throw new Error(errors.map((e) => e.message).join('; '));
      last = data.changes.seq;
      console.log(JSON.stringify(data.changes));
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : `connection closed (${e.code ?? '?'} ${e.reason ?? ''})`;
    console.error(`follow: ${why}; subscribing again after seq ${last} in 1 s`);
  }
  await new Promise((r) => setTimeout(r, 1000));
}

// End-to-end test of subscriptions with real npm clients: two API replicas on one Neo4j, 50
// subscribers spread over both (graphql-ws over WebSocket and graphql-sse over Server-Sent Events),
// 1,000 writes through either replica, and one replica restarted mid-stream. Every subscriber must
// receive every change in sequence order, none twice; a subscriber of the restarted replica
// reconnects with the last seq it saw. Prints the change-to-subscriber latency. Run by
// scripts/e2e-subscriptions.sh (make e2e-subscriptions).
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createClient as createWS } from 'graphql-ws';
import { createClient as createSSE } from 'graphql-sse';
import WebSocket from 'ws';

const BIN = process.env.URBANGRAPH_BIN || '../../bin/urbangraph';
const TOKEN = process.env.E2E_TOKEN;
const SUBSCRIBERS = Number(process.env.SUBSCRIBERS || 50);
const WRITES = Number(process.env.WRITES || 1000);
const CONCURRENCY = 8;
const ports = { A: 8095, B: 8096 };
const base = (r) => `http://127.0.0.1:${ports[r]}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Each replica logs to bin/e2e-subscriptions-<name>.log (appended: B starts twice); a failure prints
// their warnings and errors.
const logFile = (name) => new URL(`../../bin/e2e-subscriptions-${name}.log`, import.meta.url);
const replicas = {};
function start(name) {
  const out = openSync(logFile(name), 'a');
  const p = spawn(BIN, ['serve'], { env: { ...process.env, URBANGRAPH_ADDR: `127.0.0.1:${ports[name]}` }, stdio: ['ignore', out, out] });
  replicas[name] = p;
  return waitUp(name);
}
async function waitUp(name) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(base(name) + '/healthz')).ok) return;
    } catch { /* not yet */ }
    await sleep(250);
  }
  throw new Error(`replica ${name} did not come up`);
}
async function stop(name) {
  const p = replicas[name];
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  await exited;
}

async function gql(replica, query, variables = {}) {
  const res = await fetch(base(replica) + '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(`replica ${replica}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const run = Date.now().toString(36);
const upsert = `mutation($in: EntityInput!) { upsertCity(input: $in) { id } }`;
const city = (n) => ({ in: { names: { en: `Sub ${run} ${n}` }, evidence: [{ source: { id: 'source:stara-zagora-thessaloniki-seminar' }, quote: `Sub ${n} is a test city.` }] } });
const SUB = `subscription($after: Int) { changes(after: $after) { seq operation entityId } }`;

// A subscriber keeps the seqs it received and, when its stream ends or fails (its replica went
// away), subscribes again from the last seq it saw.
class Subscriber {
  constructor(i, replica, transport, path, after) {
    Object.assign(this, { i, replica, transport, path, last: after, seqs: [], at: new Map(), reconnects: 0, stopped: false });
  }
  connect() {
    if (this.stopped) return;
    const sink = {
      next: (msg) => {
        const c = msg.data?.changes;
        if (!c) return;
        this.seqs.push(c.seq);
        this.at.set(c.seq, performance.now());
        this.last = c.seq;
      },
      error: () => this.again(),
      complete: () => this.again(),
    };
    if (this.transport === 'ws') {
      this.client = createWS({ url: base(this.replica).replace('http', 'ws') + this.path, webSocketImpl: WebSocket,
        connectionParams: { Authorization: `Bearer ${TOKEN}` }, retryAttempts: 0, lazy: true, shouldRetry: () => false });
    } else {
      this.client = createSSE({ url: base(this.replica) + this.path, headers: { Authorization: `Bearer ${TOKEN}` }, retryAttempts: 0 });
    }
    this.unsubscribe = this.client.subscribe({ query: SUB, variables: { after: this.last } }, sink);
  }
  again() {
    if (this.stopped) return;
    this.reconnects++;
    try { this.client.dispose(); } catch { /* gone */ }
    setTimeout(() => this.connect(), 300);
  }
  close() {
    this.stopped = true;
    try { this.unsubscribe?.(); this.client?.dispose(); } catch { /* gone */ }
  }
}

let failed = false;
let retries = 0; // writes retried (retrying, below)
try {
  await Promise.all([start('A'), start('B')]);
  // Where the log stands: a marker write, and its seq.
  const marker = await gql('A', upsert, city('marker'));
  const h = await gql('A', `query($id: ID!) { entity(id: $id) { history(first: 1) { seq } } }`, { id: marker.upsertCity.id });
  const from = h.entity.history[0].seq;

  const subs = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    // Every combination of replica, transport and path (/graphql, where clients look first, and
    // /subscriptions).
    const s = new Subscriber(i, i % 2 ? 'B' : 'A', i % 4 < 2 ? 'ws' : 'sse', Math.floor(i / 4) % 2 ? '/subscriptions' : '/graphql', from);
    s.connect();
    subs.push(s);
  }
  await sleep(1000);

  // 1,000 writes through either replica; halfway, B restarts (writes go to A meanwhile).
  const writtenAt = new Map(); // entity ID -> when its write was answered
  let next = 0;
  let bDown = false;
  const writer = async () => {
    while (next < WRITES) {
      const n = next++;
      if (n === WRITES / 2) {
        bDown = true;
        await stop('B');
        start('B').then(() => { bDown = false; });
      }
      const replica = n % 2 && !bDown ? 'B' : 'A';
      const d = await retrying(() => gql(replica, upsert, city(n)));
      writtenAt.set(d.upsertCity.id, performance.now());
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, writer));
  const writeSecs = (performance.now() - t0) / 1000;

  // Every subscriber must get every change: from+1 … from+WRITES, in order, once.
  const want = Array.from({ length: WRITES }, (_, k) => from + 1 + k);
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline && subs.some((s) => s.seqs.length < WRITES)) await sleep(200);
  const log = await changesFrom(from);
  for (const s of subs) {
    const ok = s.seqs.length === WRITES && s.seqs.every((q, k) => q === want[k]);
    if (!ok) {
      failed = true;
      const dup = s.seqs.length - new Set(s.seqs).size;
      console.log(`FAIL subscriber ${s.i} (${s.transport} at ${s.path} on ${s.replica}): ${s.seqs.length} changes, ${dup} twice, first ${s.seqs[0]}, last ${s.seqs.at(-1)}`);
    }
  }
  // Latency: from a write's answer to each subscriber's receipt of its change; over every
  // subscriber, and over those of replica A (never restarted).
  const latencies = (which) => {
    const lat = [];
    for (const s of subs.filter(which)) {
      for (const [seq, t] of s.at) {
        const w = writtenAt.get(log.get(seq));
        if (w !== undefined) lat.push(Math.max(0, t - w));
      }
    }
    return lat.sort((a, b) => a - b);
  };
  const pct = (lat, p) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))].toFixed(1);
  const all = latencies(() => true);
  const onA = latencies((s) => s.replica === 'A');
  const reconnected = subs.filter((s) => s.reconnects > 0).length;
  console.log(`subscriptions: ${SUBSCRIBERS} subscribers (${subs.filter((s) => s.transport === 'ws').length} WebSocket, ` +
    `${subs.filter((s) => s.transport === 'sse').length} SSE; ${subs.filter((s) => s.path === '/graphql').length} at /graphql, ` +
    `${subs.filter((s) => s.path === '/subscriptions').length} at /subscriptions) on 2 replicas, ${WRITES} writes in ${writeSecs.toFixed(1)} s, ` +
    `replica B restarted after ${WRITES / 2}: ${reconnected} subscribers reconnected; ${retries} writes retried; ` +
    `${failed ? 'NOT every' : 'every'} subscriber received all ${WRITES} changes in order, none twice`);
  console.log('| subscribers | writes | change-to-subscriber p50 | p99 |\n|---|---|---|---|');
  console.log(`| all ${SUBSCRIBERS} (B restarted halfway) | ${WRITES} | ${pct(all, 0.5)} ms | ${pct(all, 0.99)} ms |`);
  console.log(`| the ${subs.filter((s) => s.replica === 'A').length} on replica A | ${WRITES} | ${pct(onA, 0.5)} ms | ${pct(onA, 0.99)} ms |`);
  for (const s of subs) s.close();

  // The README's example (follow.mjs), resuming from the same seq: the same 1,000 changes, in order.
  const followed = await follow(base('A'), from, WRITES);
  if (followed.length !== WRITES || !followed.every((q, k) => q === want[k])) {
    failed = true;
    console.log(`FAIL follow.mjs printed ${followed.length} changes: first ${followed[0]}, last ${followed.at(-1)}`);
  } else {
    console.log(`follow.mjs (the README's example) from seq ${from}: all ${WRITES} changes in order`);
  }
} catch (e) {
  failed = true;
  console.log(`FAIL ${e.stack || e}`);
} finally {
  for (const name of Object.keys(replicas)) replicas[name].kill('SIGTERM');
}
if (failed) {
  for (const name of Object.keys(replicas)) {
    const lines = readFileSync(logFile(name), 'utf8').split('\n').filter((l) => /level=(WARN|ERROR)/.test(l));
    console.log(`replica ${name}'s warnings and errors (bin/e2e-subscriptions-${name}.log):\n${lines.slice(-20).join('\n')}`);
  }
}
process.exit(failed ? 1 : 0);

// retrying retries a write the API answered with "try again" (SERVICE_UNAVAILABLE, TIMEOUT: a
// cold Neo4j on a small machine), as a client should, three times at most. The writes are upserts
// by ID: a retried write that had committed changes nothing and records nothing.
async function retrying(write) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (attempt === 3 || !/"code":"(SERVICE_UNAVAILABLE|TIMEOUT)"/.test(e.message)) throw e;
      retries++;
      await sleep(1000);
    }
  }
}

// changesFrom maps each seq after from to the entity it changed (the feed, page by page).
async function changesFrom(from) {
  const out = new Map();
  for (let after = from; ;) {
    const d = await gql('A', `query($after: Int) { changes(after: $after, first: 100) { seq entityId } }`, { after });
    for (const c of d.changes) out.set(c.seq, c.entityId);
    if (d.changes.length < 100) return out;
    after = d.changes.at(-1).seq;
  }
}

// follow runs follow.mjs from seq `after` until it has printed n changes (30 s at most) and returns
// their seqs.
function follow(url, after, n) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [new URL('follow.mjs', import.meta.url).pathname, url, String(after)],
      { env: { ...process.env, URBANGRAPH_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'inherit'] });
    const seqs = [];
    let rest = '';
    const done = () => { clearTimeout(timer); p.kill('SIGTERM'); resolve(seqs); };
    const timer = setTimeout(done, 30000);
    p.stdout.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) seqs.push(JSON.parse(line).seq);
      if (seqs.length >= n) done();
    });
  });
}

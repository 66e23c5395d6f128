// End-to-end test of the web explorer in headless Chromium (Debian's, driven by playwright-core)
// against a real server with the seed graph. Run by scripts/e2e.sh (make e2e).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { playgroundSteps } from './playground.mjs';

const base = process.env.URBANGRAPH_URL || 'http://127.0.0.1:8090';
const shots = process.env.SCREENSHOT_DIR || 'e2e/screenshots';
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let passed = 0;
let failed = 0;
async function step(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}
function expect(cond, message) {
  if (!cond) throw new Error(message);
}

// offlineContext is a browser context in which every request to another host than this server's
// is refused and recorded in elsewhere.
async function offlineContext() {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  const own = new URL(base).host;
  const elsewhere = [];
  await ctx.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === own || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    elsewhere.push(url.href);
    return route.abort();
  });
  return { ctx, elsewhere };
}

const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
const problems = [];
page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
page.on('pageerror', (e) => problems.push(e.message));
const nodeIds = () => page.evaluate(() => window.urbangraph.cy.nodes().map((n) => n.id()));

await step('the explorer loads', async () => {
  const resp = await page.goto(base + '/');
  expect(resp.ok(), `GET / answered ${resp.status()}`);
  await page.waitForSelector('#legend .legend-item');
});

// The map and shared links, with every request to another host refused: nothing may come from
// elsewhere (the outlines are this server's asset).
const { ctx: offline, elsewhere } = await offlineContext();
const mapPage = await offline.newPage();
mapPage.on('pageerror', (e) => problems.push(e.message));
const shown = (p) => p.evaluate(() => window.urbangraph.map.shown());
const pictureIds = (p) => p.evaluate(() => window.urbangraph.cy.nodes().map((n) => n.id()).sort());

await step('the first screen is an overview: the map of everything located, and a starting picture', async () => {
  await mapPage.goto(base + '/');
  await mapPage.waitForFunction(() => document.querySelectorAll('#map .country').length > 100 &&
    document.querySelectorAll('#map .marker, #map .cluster').length > 20, null, { timeout: 20000 });
  expect(await mapPage.isHidden('#graph'), 'the graph, not the map, is shown first');
  const located = await shown(mapPage);
  for (const want of ['city:thessaloniki', 'city:stara-zagora', 'city:plovdiv', 'centre:thessaloniki-digital-transformation']) {
    expect(located.includes(want), `the overview map lacks ${want} (${located.length} located)`);
  }
  expect(located.length > 8000, `only ${located.length} entities on the overview map`);
  const start = await pictureIds(mapPage);
  expect(start.includes('centre:thessaloniki-digital-transformation') && start.length > 5, `the starting picture: ${start.join(', ')}`);
  expect((await mapPage.textContent('#status')).includes('Overview'), 'no overview status');
  await mapPage.screenshot({ path: `${shots}/0-overview-map.png` });
  // A single marker opens its entity in the panel.
  const marker = mapPage.locator('#map .marker').first();
  const id = await marker.getAttribute('data-id');
  await marker.click();
  await mapPage.waitForFunction((want) => new URL(location.href).searchParams.get('sel') === want &&
    window.urbangraph.cy.$(':selected').map((n) => n.id()).includes(want), id, { timeout: 10000 });
  expect((await mapPage.textContent('#panel .meta')).includes(id), `the panel does not show ${id}`);
});

await step("the map shows the picture's places; a marker opens the panel, a crowded place lists its entities", async () => {
  await mapPage.goto(base + '/?view=map&show=event:thessaloniki-good-practice-seminar&expand=org:plovdiv-municipality,org:stara-zagora-municipality');
  await mapPage.waitForFunction(() => window.urbangraph.map.shown().includes('city:stara-zagora') &&
    document.querySelectorAll('#map .marker, #map .cluster').length >= 3, null, { timeout: 20000 });
  const located = await shown(mapPage);
  for (const want of ['city:thessaloniki', 'city:stara-zagora', 'city:plovdiv', 'org:plovdiv-municipality']) {
    expect(located.includes(want), `the map lacks ${want}: ${located.join(', ')}`);
  }
  expect(!located.includes('city:sofia'), 'the map shows entities outside the picture');
  // Plovdiv, its municipality and its practice share one point: a cluster that lists them.
  const cluster = mapPage.locator('#map .cluster').filter({ has: mapPage.locator('title', { hasText: 'Plovdiv' }) }).first();
  await cluster.click();
  await mapPage.locator('#panel .place-list li[data-id="city:plovdiv"] button').click({ timeout: 10000 });
  await mapPage.waitForFunction(() => document.querySelector('#panel h2')?.textContent === 'Plovdiv', null, { timeout: 10000 });
  expect(new URL(mapPage.url()).searchParams.get('sel') === 'city:plovdiv', `the URL: ${mapPage.url()}`);
  // Near this place: Stara Zagora is about 80 km away.
  await mapPage.fill('#near-km', '100');
  await mapPage.click('#near-go');
  await mapPage.locator('#panel .near-list li[data-id="city:stara-zagora"]').waitFor({ timeout: 10000 });
  const near = await mapPage.textContent('#panel .near-list li[data-id="city:stara-zagora"]');
  expect(/7\d\.\d km|8[01]\.\d km/.test(near), `Stara Zagora near Plovdiv: ${near}`);
  await mapPage.screenshot({ path: `${shots}/0-map-picture.png` });
});

await step('a shared link reopens the same view, and back and forward move between views', async () => {
  await mapPage.selectOption('#lang', 'BG');
  const link = mapPage.url();
  const other = await offline.newPage();
  await other.goto(link);
  await other.waitForFunction(() => window.urbangraph.map.shown().includes('city:stara-zagora'), null, { timeout: 20000 });
  await other.waitForFunction(() => document.querySelector('#panel h2')?.textContent === 'Пловдив', null, { timeout: 10000 });
  expect(JSON.stringify(await pictureIds(other)) === JSON.stringify(await pictureIds(mapPage)), 'the shared link draws another picture');
  expect(await other.inputValue('#lang') === 'BG' && await other.isHidden('#graph'), 'the shared link lost the language or the view');
  await other.click('#view-graph');
  await other.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'graph', null, { timeout: 5000 });
  await other.goBack();
  await other.waitForFunction(() => !document.getElementById('map').hidden, null, { timeout: 10000 });
  await other.goForward();
  await other.waitForFunction(() => !document.getElementById('graph').hidden, null, { timeout: 10000 });
  await other.close();
  expect(elsewhere.length === 0, `requests to other hosts: ${elsewhere.join(', ')}`);
});
await offline.close();

await step('searching Солун finds Thessaloniki and draws its neighbourhood', async () => {
  await page.fill('#search', 'Солун');
  const hit = page.locator('#search-results li[data-id="city:thessaloniki"]');
  await hit.waitFor({ timeout: 10000 });
  await hit.click();
  await page.waitForFunction(() => window.urbangraph.cy.nodes().length > 3, null, { timeout: 10000 });
  const ids = await nodeIds();
  for (const want of ['city:thessaloniki', 'country:greece', 'org:thessaloniki-municipality',
    'centre:thessaloniki-digital-transformation', 'event:thessaloniki-good-practice-seminar']) {
    expect(ids.includes(want), `the drawn graph lacks ${want}: ${ids.join(', ')}`);
  }
  const edges = await page.evaluate(() => window.urbangraph.cy.edges().map((e) => e.data('type')));
  expect(edges.includes('HELD_IN') && edges.includes('LOCATED_IN'), `edge labels: ${edges.join(', ')}`);
  await page.screenshot({ path: `${shots}/1-thessaloniki.png` });
});

await step("the centre's panel shows the sentence about its founding", async () => {
  await page.click('#node-list li[data-id="centre:thessaloniki-digital-transformation"] button.link');
  await page.waitForSelector('#panel .evidence figure blockquote', { timeout: 10000 });
  const quotes = await page.$$eval('#panel .evidence blockquote', (els) => els.map((e) => e.textContent));
  expect(quotes.some((q) => q.includes('Създаден през 2020 г. от Cisco')), `quotes: ${quotes.join(' | ')}`);
  const names = await page.textContent('#panel .names');
  expect(names.includes('Κέντρο Ψηφιακού Μετασχηματισμού') && names.includes('Център за дигитална трансформация'), `names: ${names}`);
  await page.screenshot({ path: `${shots}/2-centre-panel.png` });
});

await step('double-clicking a node expands the picture without duplicates', async () => {
  const before = (await nodeIds()).length;
  const pos = await page.evaluate(() => {
    const n = window.urbangraph.cy.getElementById('country:greece');
    window.urbangraph.cy.center(n); // as a user would pan to it
    const box = document.getElementById('graph').getBoundingClientRect();
    const p = n.renderedPosition();
    return { x: box.left + p.x, y: box.top + p.y };
  });
  await page.mouse.dblclick(pos.x, pos.y);
  await page.waitForFunction((n) => window.urbangraph.cy.nodes().length > n, before, { timeout: 10000 });
  const ids = await nodeIds();
  expect(ids.includes('unit:solution-teams'), `Greece's neighbours missing: ${ids.join(', ')}`);
  expect(new Set(ids).size === ids.length, 'a node is drawn twice');
  await page.click('#node-list li[data-id="country:greece"] button.small'); // the keyboard way, again
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('Nothing new'), null, { timeout: 10000 });
});

await step('switching to Greek relabels the picture', async () => {
  await page.selectOption('#lang', 'EL');
  const labels = await page.evaluate(() => window.urbangraph.cy.nodes().map((n) => n.data('label')));
  expect(labels.includes('Θεσσαλονίκη'), `labels: ${labels.join(', ')}`);
  expect((await page.textContent('#node-list')).includes('Θεσσαλονίκη'), 'the entity list is not in Greek');
  await page.screenshot({ path: `${shots}/3-greek.png` });
});

await step('path between Stara Zagora Municipality and Cisco is found and highlighted', async () => {
  await page.click('#path-toggle');
  await page.fill('#path-from', 'Stara Zagora Municipality');
  await page.locator('#from-results li[data-id="org:stara-zagora-municipality"]').click({ timeout: 10000 });
  await page.fill('#path-to', 'Cisco');
  await page.locator('#to-results li[data-id="org:cisco"]').click({ timeout: 10000 });
  await page.click('#path-go');
  await page.waitForFunction(() => window.urbangraph.cy.$('edge.path').length > 0, null, { timeout: 10000 });
  const onPath = await page.evaluate(() => window.urbangraph.cy.$('node.path').map((n) => n.id()).sort());
  expect(JSON.stringify(onPath) === JSON.stringify(['centre:thessaloniki-digital-transformation', 'org:cisco', 'org:stara-zagora-municipality']),
    `path nodes: ${onPath.join(', ')}`);
  const status = await page.textContent('#status');
  expect(status.includes('2 hops'), `status: ${status}`);
  await page.screenshot({ path: `${shots}/4-path.png` });
});

await step('no path within the hops is said plainly', async () => {
  await page.fill('#path-hops', '1');
  await page.click('#path-go');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('No path within 1 hops'), null, { timeout: 10000 });
});

await step('the picture downloads as JSON, GraphML and PNG', async () => {
  for (const [button, name] of [['#dl-json', 'urbangraph-graph.json'], ['#dl-graphml', 'urbangraph-graph.graphml'], ['#dl-png', 'urbangraph.png']]) {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.click(button)]);
    expect(download.suggestedFilename() === name, `${button} saved ${download.suggestedFilename()}`);
    const path = await download.path();
    expect(path, `${button}: nothing saved`);
  }
});

await step('an unreachable API is reported, not spun on', async () => {
  await page.route('**/graphql', (route) => route.abort());
  await page.fill('#search', 'Plovdiv');
  await page.waitForFunction(() => {
    const s = document.getElementById('status');
    return s.className === 'error' && s.textContent.includes('unreachable');
  }, null, { timeout: 10000 });
  await page.unroute('**/graphql');
});

await step('usable on a phone-sized screen', async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await phone.goto(base + '/');
  await phone.fill('#search', 'Plovdiv');
  await phone.locator('#search-results li[data-id="city:plovdiv"]').click({ timeout: 10000 });
  await phone.waitForFunction(() => window.urbangraph.cy.nodes().length > 1, null, { timeout: 10000 });
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(width <= 400, `the page is ${width}px wide on a 390px screen`);
  await phone.screenshot({ path: `${shots}/5-phone.png`, fullPage: true });
  await phone.close();
});

await step('no console errors (a CSP violation would be one)', async () => {
  const real = problems.filter((p) => !p.includes('net::ERR_FAILED') && !p.includes('Failed to fetch') && !p.includes('Failed to load resource'));
  expect(real.length === 0, real.join(' | '));
});

await step('the explorer links to the Playground', async () => {
  await page.click('#playground-link');
  await page.waitForURL(base + '/playground', { timeout: 10000 });
  await page.waitForSelector('.graphiql-container', { timeout: 15000 });
});

await playgroundSteps({ base, shots, step, expect, offlineContext });

// The Documents view: an editor pastes a text and uploads a file, reads them with the names marked
// by kind, corrects, rejects and accepts proposals, and jumps to an accepted entity in the graph.
await step('the Documents view ingests a text and a file and reviews their proposals', async () => {
  const token = process.env.E2E_EDITOR_TOKEN;
  expect(token, 'E2E_EDITOR_TOKEN is not set (scripts/e2e.sh makes one)');
  // A run before this one left its documents: they go, with the facts only they state.
  for (const id of ['source:kazanlak-otkri-tsentar-za-zanayati', 'source:ruse-joins-the-network']) {
    const r = await fetch(base + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation($id: ID!) { delete(id: $id, cascade: true) { deleted } }', variables: { id } }) });
    const body = await r.json();
    expect(!body.errors || body.errors.every((e) => e.extensions.code === 'NOT_FOUND'), `deleting ${id}: ${JSON.stringify(body.errors)}`);
  }
  const { ctx, elsewhere } = await offlineContext();
  const pg = await ctx.newPage();
  const errors = [];
  pg.on('pageerror', (e) => errors.push(e.message));
  pg.on('dialog', (d) => d.accept('not what the text is about'));
  await pg.goto(base + '/?view=documents');
  await pg.waitForFunction(() => document.querySelector('#status')?.textContent.includes('editor token'), null, { timeout: 15000 });
  await pg.fill('#doc-token', token);
  await pg.click('#doc-token-form button');
  await pg.fill('#doc-title', 'Казанлък откри център за занаяти');
  await pg.fill('#doc-text', 'Община Казанлък и Министерството на културата откриха Център за занаяти в град Казанлък. ' +
    'Центърът е създаден през 2024 г. от Община Казанлък с подкрепата на Община Стара Загора.');
  await pg.click('#doc-ingest');
  // The text with its names marked: a known city, the known municipality of Stara Zagora, new ones.
  await pg.waitForSelector('#doc-text-view mark[data-kind="CITY"]', { timeout: 20000 });
  const marked = await pg.$$eval('#doc-text-view mark', (ms) => ms.map((m) => `${m.dataset.kind}:${m.textContent}`));
  for (const want of ['CITY:Казанлък', 'ORGANISATION:Община Стара Загора', 'ORGANISATION:Община Казанлък', 'CENTRE:Център за занаяти']) {
    expect(marked.includes(want), `marks: ${marked.join(', ')}`);
  }
  // Every place a name stands: the municipality twice, the centre also as "Центърът".
  expect(marked.filter((m) => m === 'ORGANISATION:Община Казанлък').length === 2 && marked.includes('CENTRE:Центърът'), `marks: ${marked.join(', ')}`);
  expect(new URL(pg.url()).searchParams.get('doc') === 'source:kazanlak-otkri-tsentar-za-zanayati', `the URL: ${pg.url()}`);
  await pg.screenshot({ path: `${shots}/7-documents.png` });
  // A new entity's proposal, by the name it proposes (its sentence may name others).
  const entity = (name) => pg.locator('li.proposal[data-type="ENTITY"]').filter({ has: pg.locator('.what', { hasText: new RegExp(`^${name} —`) }) });
  const reviewed = (name, status) => pg.waitForFunction(([n, st]) => [...document.querySelectorAll(`li.proposal.${st}[data-type="ENTITY"] .what`)]
    .some((w) => w.textContent.startsWith(`${n} —`)), [name, status], { timeout: 15000 });
  // Correct the municipality's English name, then accept it.
  const municipality = entity('Община Казанлък');
  await municipality.locator('button.correct').click();
  await municipality.locator('input[name="en"]').fill('Kazanlak Municipality');
  await municipality.locator('button.accept').click();
  await reviewed('Община Казанлък', 'accepted');
  // Reject the ministry (the reason comes from the dialog).
  await entity('Министерство на културата').locator('button.reject').click();
  await reviewed('Министерство на културата', 'rejected');
  expect((await entity('Министерство на културата').textContent()).includes('not what the text is about'), 'the reason is not shown');
  // Accept the rest above 0.5: the centre and its founding by the corrected municipality.
  await pg.click('#doc-accept-all');
  await pg.waitForSelector('li.proposal.accepted[data-type="RELATIONSHIP"]:has-text("FOUNDED")', { timeout: 15000 });
  expect(await pg.locator('li.proposal.proposed[data-type="ENTITY"]').count() === 0, 'entities left to review after accepting all');
  // A file: Markdown, uploaded.
  await pg.setInputFiles('#doc-file', { name: 'ruse.md', mimeType: 'text/markdown',
    buffer: Buffer.from('# Ruse joins the network\n\nRuse Municipality joined the Danube Cities Network in 2023.\n') });
  await pg.click('#doc-ingest');
  await pg.waitForFunction(() => document.querySelector('#doc-text-view h2')?.textContent === 'Ruse joins the network', null, { timeout: 20000 });
  const listed = await pg.$$eval('#doc-list li', (ls) => ls.map((l) => l.textContent));
  expect(listed.length >= 2, `the list: ${listed.join(' | ')}; status: ${await pg.textContent('#status')}`);
  // Back to the first document, and from an accepted entity to the graph.
  await pg.locator('#doc-list button', { hasText: 'Казанлък' }).click();
  await reviewed('Община Казанлък', 'accepted');
  await entity('Община Казанлък').locator('button', { hasText: 'Show in the graph' }).click();
  await pg.waitForFunction(() => window.urbangraph.cy.nodes().map((n) => n.id()).includes('org:kazanlak-municipality') &&
    window.urbangraph.cy.nodes().map((n) => n.id()).includes('centre:tsentar-za-zanayati'), null, { timeout: 15000 });
  expect(new URL(pg.url()).searchParams.get('view') === 'graph', `the URL: ${pg.url()}`);
  expect(!(await pg.isVisible('#documents')), 'the Documents view is still shown');
  // Its History tab, from the change log: created by the reviewer's acceptance; and the entity as
  // it was after that change, rebuilt from the log (entity(id, asOf)).
  await pg.goto(base + '/?view=graph&show=org:kazanlak-municipality&sel=org:kazanlak-municipality');
  await pg.waitForSelector('#tab-history', { timeout: 15000 });
  expect(await pg.isVisible('#details') && !(await pg.isVisible('#history')), 'the Details tab is not the one shown first');
  await pg.click('#tab-history');
  await pg.waitForSelector('#history .history-list li[data-seq]', { timeout: 15000 });
  expect(!(await pg.isVisible('#details')), 'the Details tab is still shown beside the History tab');
  const hist = await pg.textContent('#history .history-list');
  // The graph view reads anonymously: it shows what wrote each change (a write through the API is an
  // editor's), not who (the reviewer's key, "e2e"), as docs/security.md says readers see.
  expect(hist.includes('create') && hist.includes('· editor') && !hist.includes('· e2e') && hist.includes('Kazanlak Municipality'), `the history: ${hist}`);
  const created = pg.locator('#history .history-list li[data-seq]').filter({ hasText: 'create' }).last();
  await created.locator('.asof-button').click();
  await created.locator('.asof h4').waitFor({ timeout: 15000 });
  const then = await created.locator('.asof').textContent();
  expect(then.includes('Община Казанлък') && then.includes('relationship(s) then'), `as it was after its creation: ${then}`);
  await pg.screenshot({ path: `${shots}/9-history-tab.png` });
  expect(elsewhere.length === 0, `requests to other hosts: ${elsewhere.join(', ')}`);
  expect(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  await ctx.close();
});

// api calls the GraphQL API with the editor's (admin's) key.
async function api(query, variables = {}) {
  const r = await fetch(base + '/graphql', { method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.E2E_EDITOR_TOKEN}` },
    body: JSON.stringify({ query, variables }) });
  return r.json();
}

// editorPage opens a view with the editor's token entered in its form.
async function editorPage(view, tokenInput, form) {
  const { ctx, elsewhere } = await offlineContext();
  const pg = await ctx.newPage();
  const errors = [];
  pg.on('pageerror', (e) => errors.push(e.message));
  pg.on('dialog', (d) => d.accept(d.type() === 'prompt' ? 'not what the text says' : undefined));
  await pg.goto(`${base}/?view=${view}`);
  await pg.waitForFunction(() => document.querySelector('#status')?.textContent.includes('editor token'), null, { timeout: 15000 });
  await pg.fill(tokenInput, process.env.E2E_EDITOR_TOKEN);
  await pg.click(`${form} button[type=submit]`);
  return { ctx, pg, errors, elsewhere };
}

// The Review view: every document's proposals in one queue, filtered, with each sentence and its
// name marked; reviewed with the keyboard (a accepts, j moves on, r rejects with a reason).
await step('the Review view reviews the queue across documents with the keyboard', async () => {
  for (const id of ['source:obshtina-gabrovo-otkri-tsentar-za-zeleni-tehnologii']) {
    const body = await api('mutation($id: ID!) { delete(id: $id, cascade: true) { deleted } }', { id });
    expect(!body.errors || body.errors.every((e) => e.extensions.code === 'NOT_FOUND'), `deleting ${id}: ${JSON.stringify(body.errors)}`);
  }
  const ingested = await api('mutation($in: IngestInput!) { ingestDocument(input: $in) { document { id } } }', { in: {
    text: 'Община Габрово откри Център за зелени технологии\n\nЦентърът е създаден от Община Габрово през 2025 г. в сътрудничество с Технически университет – Габрово.' } });
  expect(!ingested.errors, `ingesting: ${JSON.stringify(ingested.errors)}`);
  const { ctx, pg, errors, elsewhere } = await editorPage('review', '#review-token', '#review-filter');
  await pg.selectOption('#review-kind', 'ORGANISATION');
  await pg.click('#review-show');
  await pg.waitForSelector('#review-list li.proposal.current', { timeout: 15000 });
  const items = await pg.$$eval('#review-list li.proposal', (ls) => ls.map((l) => `${l.dataset.type}|${l.querySelector('.what').textContent}`));
  expect(items.length > 0 && items.every((i) => !i.startsWith('RELATIONSHIP')), `the organisations' queue: ${items.join(' / ')}`);
  expect(await pg.locator('#review-list li.current blockquote mark').count() > 0, 'the name is not marked in its sentence');
  await pg.screenshot({ path: `${shots}/10-review.png` });
  // a accepts the current proposal: it leaves the queue of proposed ones.
  const first = await pg.getAttribute('#review-list li.current', 'id');
  await pg.keyboard.press('a');
  await pg.waitForFunction((id) => !document.getElementById(id), first, { timeout: 15000 });
  const id = first.replace(/^q-/, '');
  let p = await api('query($doc: ID) { proposals(status: ACCEPTED, documentId: $doc, first: 100) { nodes { id status } } }', { doc: null });
  expect(p.data.proposals.nodes.some((n) => n.id === id), `${id} is not accepted: ${JSON.stringify(p)}`);
  // j moves on, r rejects with the reason the dialog gives.
  const before = await pg.$$eval('#review-list li.proposal', (ls) => ls.map((l) => l.id));
  if (before.length > 1) {
    await pg.keyboard.press('j');
    const second = await pg.getAttribute('#review-list li.current', 'id');
    expect(second === before[1], `j moved to ${second}, not ${before[1]}`);
    await pg.keyboard.press('r');
    await pg.waitForFunction((sid) => !document.getElementById(sid), second, { timeout: 15000 });
    p = await api('{ proposals(status: REJECTED, first: 100) { nodes { id reason } } }');
    const rejected = p.data.proposals.nodes.find((n) => `q-${n.id}` === second);
    expect(rejected?.reason === 'not what the text says', `the rejection: ${JSON.stringify(rejected)}`);
  }
  expect(elsewhere.length === 0, `requests to other hosts: ${elsewhere.join(', ')}`);
  expect(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  await ctx.close();
});

// The Duplicates view: planted pairs side by side; one is merged (what moves is confirmed first)
// and its merged ID answers with the kept entity; another is marked distinct and is not listed again.
await step('the Duplicates view merges a pair and marks another distinct', async () => {
  const run = Date.now().toString(36);
  for (const id of ['org:e2e-vratsa-municipality', 'org:e2e-obshtina-vratsa']) {
    const body = await api('mutation($id: ID!) { delete(id: $id, cascade: true) { deleted } }', { id });
    expect(!body.errors || body.errors.every((e) => e.extensions.code === 'NOT_FOUND'), `deleting ${id}: ${JSON.stringify(body.errors)}`);
  }
  const src = 'source:stara-zagora-thessaloniki-seminar';
  const ev = (q, props = []) => [{ source: src, quote: q, properties: props }];
  const doc = { format: 'urbangraph/1', nodes: [
    { id: 'org:e2e-vratsa-municipality', kind: 'ORGANISATION', names: { en: 'Vratsa Municipality' }, properties: { category: 'MUNICIPALITY' }, evidence: ev('Vratsa Municipality took part.', ['category']) },
    { id: 'org:e2e-obshtina-vratsa', kind: 'ORGANISATION', names: { en: 'Obshtina Vratsa', bg: 'Община Враца' }, properties: { category: 'MUNICIPALITY' }, evidence: ev('Община Враца участва.', ['category']) },
    { id: `programme:e2e-${run}-a`, kind: 'PROGRAMME', names: { en: `Green Vratsa ${run} Programme` }, evidence: ev('A programme.') },
    { id: `programme:e2e-${run}-b`, kind: 'PROGRAMME', names: { en: `Programme Green Vratsa ${run}` }, evidence: ev('Another programme.') },
  ], relationships: [
    { from: 'org:e2e-obshtina-vratsa', type: 'PARTICIPATED_IN', to: 'event:thessaloniki-good-practice-seminar', source: src, quote: 'Община Враца участва в семинара.' },
  ] };
  const imp = await fetch(base + '/import', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.E2E_EDITOR_TOKEN}` }, body: JSON.stringify(doc) });
  const impBody = await imp.json();
  expect(imp.ok && impBody.rejected.length === 0, `planting: ${imp.status} ${JSON.stringify(impBody)}`);
  const { ctx, pg, errors, elsewhere } = await editorPage('duplicates', '#dup-token', '#dup-filter');
  const pair = (a, b) => pg.locator(`#dup-list li.dup-pair[data-a="${a}"][data-b="${b}"]`);
  const muni = pair('org:e2e-obshtina-vratsa', 'org:e2e-vratsa-municipality');
  const prog = pair(`programme:e2e-${run}-a`, `programme:e2e-${run}-b`);
  await muni.waitFor({ timeout: 15000 });
  const text = await muni.textContent();
  expect(text.includes('same canonical name') && text.includes('Община Враца') && text.includes('1 neighbour'),
    `the municipality pair: ${text}`);
  await prog.waitFor({ timeout: 15000 });
  await pg.screenshot({ path: `${shots}/11-duplicates.png` });
  // Not the same: the pair goes.
  await prog.locator('button.distinct').click();
  await prog.waitFor({ state: 'detached', timeout: 15000 });
  // Merge the Bulgarian-named one into the English-named one (the dialog confirms).
  await muni.locator('button.merge-keep-b').click();
  await muni.waitFor({ state: 'detached', timeout: 15000 });
  const after = await api('{ organisation(id: "org:e2e-obshtina-vratsa") { id mergedIds names { bg } } }');
  expect(after.data?.organisation?.id === 'org:e2e-vratsa-municipality' && after.data.organisation.names.bg === 'Община Враца',
    `the merged ID reads ${JSON.stringify(after)}`);
  expect((await pg.textContent('#status')).includes('Merged org:e2e-obshtina-vratsa into org:e2e-vratsa-municipality'), `status: ${await pg.textContent('#status')}`);
  expect(elsewhere.length === 0, `requests to other hosts: ${elsewhere.join(', ')}`);
  expect(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  await ctx.close();
});

await browser.close();
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

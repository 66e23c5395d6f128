// The Playground's steps of the explorer's end-to-end test (explorer.e2e.mjs runs them): GraphiQL
// served from the binary, offline, with the example queries as tabs, and subscriptions over /graphql.

// playgroundSteps runs the steps with the test's helpers.
export async function playgroundSteps({ base, shots, step, expect, offlineContext }) {
  // The Playground with every request to another host refused: it must load, run a query and show
  // the answer from what this server sends alone.
  await step('the Playground works with no other host reachable', async () => {
    const { ctx: offline, elsewhere } = await offlineContext();
    const pg = await offline.newPage();
    const errors = [];
    pg.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    pg.on('pageerror', (e) => errors.push(e.message));
    const resp = await pg.goto(base + '/playground');
    expect(resp.ok(), `GET /playground answered ${resp.status()}`);
    const csp = resp.headers()['content-security-policy'] || '';
    expect(csp.includes("default-src 'none'") && csp.includes("connect-src 'self'"), `CSP: ${csp}`);
    // One tab per README example, named by its operation.
    const tabs = pg.locator('.graphiql-tab');
    await tabs.first().waitFor({ timeout: 15000 });
    const titles = await tabs.allTextContents();
    for (const want of ['CentreFoundersUnitsDomains', 'SearchAcrossScripts', 'SeminarWhereWhoFunding', 'FactsWithEvidence', 'PathAndSimilar']) {
      expect(titles.some((t) => t.includes(want)), `tabs: ${titles.join(' | ')}`);
    }
    // Run the first tab's query and read the answer in the response editor.
    await tabs.filter({ hasText: 'CentreFoundersUnitsDomains' }).first().click();
    const [answered] = await Promise.all([
      pg.waitForResponse((r) => r.url() === base + '/graphql' && (r.request().postData() || '').includes('CentreFoundersUnitsDomains'),
        { timeout: 15000 }),
      pg.click('.graphiql-execute-button'),
    ]);
    const centre = (await answered.json()).data.centre;
    expect(centre.foundedYear === 2020 && centre.founders.some((f) => f.organisation.id === 'org:cisco') &&
      centre.units.some((u) => u.name === 'Cisco Networking Academy') && centre.domains.some((d) => d.name === 'γεωργία'),
    `the answer: ${JSON.stringify(centre).slice(0, 400)}`);
    // The response editor shows it (Monaco draws the visible lines only, spaces as U+00A0).
    await pg.waitForFunction(() => {
      const r = document.querySelector('.graphiql-response');
      return r && r.textContent.replace(/\u00a0/g, ' ').includes('"name": "Център за дигитална трансформация"');
    }, null, { timeout: 15000, polling: 200 });
    // The headers editor (for Authorization: Bearer …), the schema documentation and the history.
    expect(await pg.locator('.graphiql-editor-tools button', { hasText: 'Headers' }).count() === 1, 'no Headers editor');
    await pg.click('button[aria-label="Show Documentation Explorer"]');
    await pg.waitForSelector('.graphiql-doc-explorer', { timeout: 10000 });
    expect((await pg.locator('.graphiql-doc-explorer').textContent()).includes('Query'), 'the docs show no Query type');
    await pg.click('button[aria-label="Show History"]');
    await pg.waitForSelector('.graphiql-history', { timeout: 10000 });
    expect(await pg.locator('a[href="/"]', { hasText: 'Explorer' }).count() === 1, 'no link back to the explorer');
    await pg.screenshot({ path: `${shots}/6-playground.png` });
    expect(elsewhere.length === 0, `requests to other hosts: ${elsewhere.join(', ')}`);
    expect(errors.length === 0, `console errors (a CSP violation would be one): ${errors.join(' | ')}`);
    await offline.close();
  });

  // The Playground's subscriptions go over a WebSocket to /graphql, where GraphQL clients look for
  // them: a subscription typed in a new tab receives a change an editor makes meanwhile.
  await step('the Playground subscribes at /graphql', async () => {
    const token = process.env.E2E_EDITOR_TOKEN;
    expect(token, 'E2E_EDITOR_TOKEN is not set (scripts/e2e.sh makes one)');
    const { ctx, elsewhere } = await offlineContext();
    const pg = await ctx.newPage();
    const errors = [];
    pg.on('pageerror', (e) => errors.push(e.message));
    await pg.goto(base + '/playground');
    await pg.locator('.graphiql-tab').first().waitFor({ timeout: 15000 });
    await pg.click('button[aria-label="New tab"]');
    // Type the subscription into the new tab's editor. The tab takes the operation's name once
    // GraphiQL has parsed the text: then it runs that text. On a loaded machine the editor may
    // not have taken the focus yet: type again until the tab is named.
    const named = pg.locator('.graphiql-tab', { hasText: 'Watch' });
    for (let attempt = 1; ; attempt++) {
      const editor = pg.locator('.graphiql-query-editor .monaco-editor textarea').first();
      await editor.waitFor({ state: 'attached', timeout: 15000 });
      await pg.click('.graphiql-query-editor .monaco-editor');
      await editor.focus();
      await pg.keyboard.press('Control+A');
      await pg.keyboard.insertText('subscription Watch { changes(kinds: [CITY]) { seq operation entityId } }');
      try {
        await named.waitFor({ timeout: 10000 });
        break;
      } catch (e) {
        if (attempt === 3) throw new Error(`the tab was not named Watch after ${attempt} attempts: ${e.message}`);
      }
    }
    const opened = pg.waitForEvent('websocket', { timeout: 15000 });
    await pg.click('.graphiql-execute-button');
    const ws = await opened;
    expect(ws.url() === base.replace('http', 'ws') + '/graphql', `the Playground's WebSocket: ${ws.url()}`);
    await ws.waitForEvent('framesent', { predicate: (f) => String(f.payload).includes('"subscribe"'), timeout: 15000 });
    await new Promise((r) => setTimeout(r, 500)); // the subscription starts after its message arrives
    const gql = async (query, variables) => (await fetch(base + '/graphql', { method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) })).json();
    const name = `Playground Watch ${Date.now()}`;
    const made = await gql('mutation($in: EntityInput!) { upsertCity(input: $in) { id } }', { in: { names: { en: name },
      evidence: [{ source: { title: 'Explorer e2e', url: 'https://example.org/e2e' }, quote: `${name} is a test city.` }] } });
    const id = made.data?.upsertCity?.id;
    expect(id, `the write: ${JSON.stringify(made)}`);
    await pg.waitForFunction((want) => (document.querySelector('.graphiql-response')?.textContent || '').replace(/\u00a0/g, ' ').includes(want),
      `"entityId": "${id}"`, { timeout: 15000, polling: 200 });
    await gql('mutation($id: ID!) { delete(id: $id, cascade: true) { deleted } }', { id });
    expect(elsewhere.length === 0, `requests to other hosts: ${elsewhere.join(', ')}`);
    expect(errors.length === 0, `page errors: ${errors.join(' | ')}`);
    await ctx.close();
  });
}

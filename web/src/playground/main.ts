// The Urbangraph Playground: GraphiQL, built into web/dist with everything it needs, so that it
// loads nothing from another host (the server's Content-Security-Policy allows only its own assets
// and /graphql). It opens with one tab per example query of the README (examples.json).
import 'graphiql/setup-workers/vite'; // Monaco's editor, JSON and GraphQL workers, bundled as assets
import 'graphiql/style.css';
import './playground.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import examples from './examples.json';

// Queries and mutations over HTTP, subscriptions over a WebSocket (graphql-ws) at the same /graphql;
// the headers editor's Authorization goes in connection_init, as the server reads it there.
const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  subscriptionUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
});

// Every tab starts with the README's sentence about its query, as a GraphQL comment.
const defaultTabs = examples.map((e) => ({ query: `# ${e.description}\n${e.query}` }));

const logo = h(GraphiQL.Logo, null,
  h('span', { className: 'ug-title' }, 'Urbangraph Playground'),
  h('a', { className: 'ug-link', href: '/', title: 'Search, draw and read the graph' }, 'Explorer'),
);

createRoot(document.getElementById('playground')!).render(
  h(GraphiQL, {
    fetcher,
    defaultTabs,
    // Tokens typed in the headers editor ({"Authorization": "Bearer ug_…"}) stay in this tab:
    // they are not written to the browser's storage unless the user turns that on in Settings.
    shouldPersistHeaders: false,
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: true,
  }, logo),
);

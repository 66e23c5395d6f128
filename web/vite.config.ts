import { defineConfig } from 'vite';

// The built files are embedded in the Go binary (web/embed.go): the explorer is served at /, the
// Playground (GraphiQL) at /playground, their assets at /assets/.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // No data: URIs in the bundle: the Content-Security-Policy allows scripts and styles from 'self' only.
    assetsInlineLimit: 0,
    sourcemap: false,
    // Monaco (the Playground's editor) is one 2.8 MB module, loaded from this host once and cached.
    chunkSizeWarningLimit: 3000,
    rollupOptions: {
      input: { explorer: 'index.html', playground: 'playground.html' },
      onwarn(warning, warn) {
        // GraphiQL's dependencies mark React modules "use client", which means nothing in a bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  // Monaco's workers (graphiql/setup-workers/vite) as ES modules, like the pages.
  worker: { format: 'es' },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:8080', '/export': 'http://127.0.0.1:8080' },
  },
});

import { defineConfig } from 'vite';

// The built files are embedded in the Go binary (web/embed.go) and served at /.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // No data: URIs in the bundle: the Content-Security-Policy allows scripts and styles from 'self' only.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:8080', '/export': 'http://127.0.0.1:8080' },
  },
});

import { defineConfig } from 'vite';

// The dashboard is served by `runfacts serve` from web/dist at /; every asset is local.
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
});

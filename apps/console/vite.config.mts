import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Built into dist/console, which the API serves under /console (apps/api/src/console). */
export default defineConfig({
  root,
  base: '/console/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1500,
    // No inline scripts or data: URLs for modules: the Content-Security-Policy allows only files of this origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The app is served by the `web` function at /v1/app/ (same origin as the API). `npm run dev`
// serves it with hot reload and proxies /v1 to the local stack (MYPAGES_API, default :3000).
export default defineConfig({
  base: '/v1/app/',
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    // Every asset is a file of its own: the CSP allows no data: scripts or fonts.
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        // recharts is not named here: a manual chunk of it also took react-dom's CommonJS
        // wrapper (recharts imports react-dom), which made the entry chunk import the charts.
        // Only the lazy routes that draw charts import it, so Rollup keeps it out of the entry.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router'],
        },
      },
    },
  },
  // Pre-bundled at the dev server's start: otherwise the first visit to a lazy screen makes Vite
  // re-optimize and reload the page, which ends the in-memory session.
  optimizeDeps: { include: ['recharts', 'qrcode', 'react-dropzone', 'big.js'] },
  server: {
    port: 5173,
    // Everything under /v1 except the app itself goes to the stack; so does the app's runtime
    // configuration, which the web function serves.
    proxy: Object.fromEntries(
      ['^/v1/(?!app/)', '^/v1/app/config\\.json$'].map((path) => [
        path,
        { target: process.env.MYPAGES_API ?? 'http://127.0.0.1:3000', changeOrigin: false },
      ]),
    ),
  },
});

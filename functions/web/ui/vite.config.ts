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
        manualChunks: {
          react: ['react', 'react-dom', 'react-router'],
          charts: ['recharts'],
        },
      },
    },
  },
  server: {
    port: 5173,
    // Everything under /v1 except the app itself goes to the API.
    proxy: { '^/v1/(?!app/)': { target: process.env.MYPAGES_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});

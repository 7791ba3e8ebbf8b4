import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the SPA runs on Vite's dev server and forwards the server's routes
// to a locally running `zhongcao start` (default port 3000, override with ZHONGCAO_URL).
const backend = process.env.ZHONGCAO_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: backend, ws: true }, // the live rooms' WebSockets too
      '/media': backend,
      '/sandbox': backend,
    },
  },
});

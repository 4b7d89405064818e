import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The API and the embedded emulator live on the Express server; in `npm run dev` Vite proxies to it.
const apiTarget = process.env.TQB_DEV_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': apiTarget,
      '/emulator': apiTarget,
    },
  },
  build: {
    outDir: 'dist',
    // Maps are written for error reports but not linked from the bundles, and the server never serves them.
    sourcemap: 'hidden',
  },
  test: {
    globals: true,
    include: ['tests/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});

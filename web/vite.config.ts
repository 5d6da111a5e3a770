import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress';
import { preloadResident } from './preload-resident';

// The build is started from the repository root (`vite build --config web/vite.config.ts`),
// so the root is pinned to this folder rather than taken from the working directory.
const webRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);

// The config runs in Node; declared here so the web tsconfig needs no Node types.
declare const process: { env: Record<string, string | undefined> };
const apiTarget = process.env.SHANGLIANG_API ?? 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react(), preloadResident(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is ~280 kB gzip in the shared chunk; pages are split by route.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The residents' app (src/modules/opinions/resident.tsx) and everything it imports in
            // one file, preloaded from index.html (preload-resident.ts): a phone on a slow network
            // waits for it alone, not for fifteen files over six connections. The office app uses
            // nearly all of it too (React, antd's core, Input, Select, Button). What the entry
            // needs (which app to start, Vite's preload helper) is a small file apart.
            { name: 'boot', test: /[\\/]modules[\\/]opinions[\\/]residentNav\.ts$|preload-helper/, priority: 2 },
            { name: 'resident', test: /[\\/]modules[\\/]opinions[\\/]resident\.tsx$/, priority: 1 },
          ],
        },
      },
    },
  },
  // `vite` (dev) and `vite preview` both forward the API to a running server.
  server: { proxy: { '/api': apiTarget } },
  preview: { proxy: { '/api': apiTarget } },
});

import { defineConfig } from 'vite';

// The demo site (index.html). The library build (`dist/`) is configured in issue 5's
// build; until then `npm run build` builds the demo and the core entry.
export default defineConfig({
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist-demo' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});

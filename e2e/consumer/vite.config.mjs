// Served by the stand-in under /consumer/ on the app origin.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/consumer/',
  logLevel: 'warn',
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
});

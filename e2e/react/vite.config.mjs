// Relative asset URLs: the test serves dist/ under any path of the app origin.
// No React plugin: Vite's own transform compiles the JSX (automatic runtime).
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  logLevel: 'error',
  build: { chunkSizeWarningLimit: 2048 },
});

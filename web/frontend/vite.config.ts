/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into the web module's classes, so the Spring Boot jar serves the UI at "/".
// `npm run dev` proxies the API and the socket to a backend started with the README's run command.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../target/classes/static',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/web': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
  test: {
    // stores need no DOM; a component test asks for one with a `@vitest-environment jsdom` comment
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});

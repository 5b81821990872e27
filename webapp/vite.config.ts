/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = process.env.API_PROXY_TARGET ?? 'http://localhost:8000';

/** Libraries of the SQL editor (CodeMirror) and of the result charts (Recharts; Ask and SQL): loaded with their sections. */
const editorLibs = ['@codemirror', '@lezer', 'style-mod', 'w3c-keyname', 'crelt'].join('|');
const chartLibs = [
  'recharts',
  'd3-[a-z-]+',
  'victory-vendor',
  '@reduxjs',
  'redux',
  'redux-thunk',
  'reselect',
  'immer',
  'react-redux',
  'internmap',
  'decimal\\.js-light',
  'eventemitter3',
  'es-toolkit',
  'tiny-invariant',
  'clsx',
  'use-sync-external-store',
  '@standard-schema',
].join('|');

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': backend,
      '/health': backend,
      '/ready': backend,
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: keep them in their own long-cached chunks.
        codeSplitting: {
          // Groups take modules (and what they import) in priority order: React first, then the
          // eager vendor chunk, so the lazy chunks below never absorb something the first screen needs.
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@remix-run)[\\/]/,
              priority: 5,
            },
            // Everything else from node_modules, except what only a lazy section uses: the dataset
            // preview's virtualiser, and the SQL editor's and the charts' libraries below.
            {
              name: 'vendor',
              test: new RegExp(
                `node_modules[\\\\/](?!(?:@tanstack[\\\\/](?:react-virtual|virtual-core)|${editorLibs}|${chartLibs})[\\\\/])`,
              ),
              priority: 4,
            },
            {
              name: 'codemirror',
              test: new RegExp(`node_modules[\\\\/](?:${editorLibs})[\\\\/]`),
              priority: 3,
            },
            {
              name: 'charts',
              test: new RegExp(`node_modules[\\\\/](?:${chartLibs})[\\\\/]`),
              priority: 3,
            },
          ],
        },
      },
    },
  },
  test: {
    globals: true,
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    // Tests assert behaviour, not speed: waits end as soon as the page shows what is expected, and
    // a machine running other builds must not fail them (the 5 s default did).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

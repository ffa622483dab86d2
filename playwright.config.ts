import { defineConfig, devices } from '@playwright/test';
// @ts-expect-error: a plain .mjs module shared with the Vitest config and the benches
import { findBrowser, chromiumArgs, SOFTWARE_COMPOSITING } from './scripts/find-browser.mjs';

const PORT = 4179;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'off',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /software-compositing\.spec\.ts/,
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: findBrowser(), args: chromiumArgs },
      },
    },
    {
      // composited in software, as on a machine without a usable GPU (find-browser.mjs)
      name: 'software-compositing',
      testMatch: /software-compositing\.spec\.ts/,
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: findBrowser(), args: [...chromiumArgs, SOFTWARE_COMPOSITING] },
      },
    },
  ],
  webServer: [
    {
      // The built library (dist/) on two origins, for the plain-HTML, CDN and CSP pages
      // (dist/ is built by the next server's command before any test starts).
      command: 'node scripts/static-server.mjs 4180 4181',
      url: 'http://127.0.0.1:4181/package.json',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      // The demo and the framework pages, as a developer runs them. The library and the demo
      // site (served as static files by the server above) are built first: the React and Vue pages import it by name, and Vite pre-bundles their
      // dependencies at start-up (no reload mid-test).
      command: `npm run --silent build:lib && npx vite build --logLevel error && npx vite --port ${PORT} --strictPort`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
});

// `npm run dev` as a newcomer runs it: on a copy of the repository's files with nothing built
// (no dist/, no generated WebAssembly module, a cold Vite cache), the dev server starts, scans
// and pre-bundles every page's dependencies without an error or warning, and serves the demo,
// the bench page and the fixture pages (which load the library by name or by its CDN path).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const repo = join(import.meta.dirname, '..');

/** The files a fresh clone has: tracked and new (not ignored) ones; node_modules linked in. */
function freshCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-fresh-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repo,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file && existsSync(join(repo, file)));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(repo, file), join(dir, file));
  }
  // Each installed package linked one by one, so Vite's cache (node_modules/.vite) is the
  // copy's own and starts cold, as after `npm ci`.
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(repo, 'node_modules'))) {
    if (name !== '.vite') symlinkSync(join(repo, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error())));
    });
  });
}

/** Every byte the dev server printed (stdout and stderr, in arrival order), without colours. */
class DevServer {
  output = '';
  private readonly exited: Promise<void>;
  private readonly child: ChildProcess;

  constructor(cwd: string, port: number) {
    this.child = spawn('npm', ['run', 'dev', '--', '--port', String(port), '--strictPort'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('close', () => resolve()));
  }

  /** Resolves with the server's address once it prints it; rejects if it exits first. */
  ready(): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const match = /Local:\s+(http:\/\/\S+?)\/?\s/.exec(this.output);
        if (match) {
          this.child.stdout!.off('data', check);
          resolve(match[1]!);
        }
      };
      this.child.stdout!.on('data', check);
      this.child.once('close', (code) => reject(new Error(`npm run dev exited (${code}):\n${this.output}`)));
    });
  }

  /** Stops npm, Vite and the pre-hook's processes (one process group) and waits for the end. */
  async stop(): Promise<string> {
    if (this.child.exitCode === null && this.child.pid) process.kill(-this.child.pid, 'SIGTERM');
    await this.exited;
    return this.output;
  }
}

/**
 * A page's console errors, uncaught exceptions and failed requests, from now on. (Chromium's
 * own request for /favicon.ico, which the fixture pages do not declare, is not the server's.)
 */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    // (a request the next navigation cut short is not a failure of the server)
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') errors.push(`${reason} ${request.url()}`);
  });
  return errors;
}

test.describe('npm run dev on a fresh clone', () => {
  test.describe.configure({ timeout: 180_000 });
  let dir = '';
  let server: DevServer;
  let base = '';

  test.beforeAll(async () => {
    dir = freshCopy();
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    server = new DevServer(dir, await freePort());
    base = await server.ready();
  });

  test.afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('serves the demo, the bench page and the fixtures, and prints nothing alarming', async ({ page }) => {
    const errors = pageErrors(page);

    await page.goto(`${base}/`);
    await expect
      .poll(() => page.evaluate(() => document.querySelector('backprop-lab')?.iteration ?? 0), { timeout: 60_000 })
      .toBeGreaterThan(0);

    // The React and Vue pages import the package by name; nothing is built, so they get the source.
    await page.goto(`${base}/e2e/fixtures/react.html`);
    await expect(page.getByText('Accuracy: 100%')).toBeVisible({ timeout: 60_000 });
    await page.goto(`${base}/e2e/fixtures/vue.html`);
    await expect(page.getByText('Accuracy: 100%')).toBeVisible({ timeout: 60_000 });

    // A page that loads the CDN bundle by its path.
    await page.goto(`${base}/e2e/fixtures/two.html`);
    const finished = await page.evaluate(async () => {
      await customElements.whenDefined('backprop-lab');
      const b = document.querySelector<HTMLElementTagNameMap['backprop-lab']>('#b')!;
      await b.start();
      return (await b.whenFinished()).state;
    });
    expect(finished).toBe('done');

    await page.goto(`${base}/e2e/fixtures/clients.html`);
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });

    // The bench page runs benchmarks on load: that it loads its module is enough here.
    const bench = await page.request.get(`${base}/bench/index.html`);
    expect(bench.ok()).toBe(true);
    expect((await page.request.get(`${base}/bench/main.ts`)).ok()).toBe(true);

    expect(errors).toEqual([]);
    const output = await server.stop();
    expect(output).toContain('ready in');
    expect(output).not.toMatch(/error|fail|warn|could not|cannot|\(!\)/i);
    // Every page's dependencies were found by the start-up scan: none was discovered on a
    // visit, which would have reloaded the page.
    expect(output).not.toMatch(/new dependencies|reloading/i);
  });
});

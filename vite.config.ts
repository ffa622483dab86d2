import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

// Three builds, chosen by --mode (see package.json "build"):
// - lib:  dist/backprop-lab.js and dist/core.js, ES modules for bundlers and npm; Lit, regl,
//         Comlink and uPlot stay imports (a host that uses Lit shares one copy).
// - cdn:  dist/cdn/backprop-lab.js, one self-contained module for a plain <script type=module>
//         from any static path or origin; its worker is dist/cdn/trainer.worker.js.
// - demo (default): the demo site in dist-demo/.
// In every build the worker is its own self-contained ES module file, resolved from
// import.meta.url (see src/client/worker-factory.ts for cross-origin and CSP handling).
const root = import.meta.dirname;
const external = [/^lit($|\/)/, /^@lit\//, /^lit-html($|\/)/, /^lit-element($|\/)/, 'regl', 'comlink', 'uplot'];

/**
 * The built library as the dev server's pages load it: by package name (`backprop-lab`,
 * `backprop-lab/core`, as an app imports it) or by path (`/dist/cdn/backprop-lab.js`, as a
 * page loads a CDN bundle). The built file when dist/ holds it (the e2e web server builds it
 * first), else the source, so a fresh clone's dev server starts, scans and serves every page
 * before anything is built. Resolved on each import: a later `npm run build:lib` takes effect
 * without a restart.
 */
function builtOrSource(): Plugin {
  const entries = new Map([
    ['backprop-lab', { built: 'dist/backprop-lab.js', source: 'src/index.ts' }],
    ['backprop-lab/core', { built: 'dist/core.js', source: 'src/core/index.ts' }],
    ['/dist/cdn/backprop-lab.js', { built: 'dist/cdn/backprop-lab.js', source: 'src/index.ts' }],
  ]);
  return {
    name: 'backprop-lab:built-or-source',
    enforce: 'pre',
    resolveId(id) {
      const entry = entries.get(id);
      if (!entry) return null;
      const built = resolve(root, entry.built);
      return existsSync(built) ? built : resolve(root, entry.source);
    },
  };
}

/**
 * uPlot makes an `Intl.NumberFormat` and an `Intl.DateTimeFormat` as it is evaluated. A page's
 * first Intl format sets ICU up: 50–75 ms of one task on a cold start-up here, and nothing else
 * on the page uses Intl (the cost curve formats its own ticks, cost-plot.ts). In the bundles
 * that carry uPlot (the CDN bundle, the demo) both are made on first use instead, as uPlot
 * would use them; the build fails if uPlot's source no longer reads as expected.
 */
function lazyUplotIntl(): Plugin {
  const replacements: [string, string][] = [
    [
      "const numFormatter = new Intl.NumberFormat(domEnv ? nav.language : 'en-US');",
      "let numFormatterMade; const numFormatter = { format: (val) => (numFormatterMade ??= new Intl.NumberFormat(domEnv ? nav.language : 'en-US')).format(val) };",
    ],
    [
      'const localTz = new Intl.DateTimeFormat().resolvedOptions().timeZone;',
      'let localTzRead; const localTz = () => (localTzRead ??= new Intl.DateTimeFormat().resolvedOptions().timeZone);',
    ],
    ['else if (tz == localTz)', 'else if (tz == localTz())'],
  ];
  return {
    name: 'backprop-lab:lazy-uplot-intl',
    transform(code, id) {
      if (!/[\\/]uplot[\\/]dist[\\/]uPlot\.esm\.js$/.test(id)) return null;
      let out = code;
      for (const [from, to] of replacements) {
        if (out.split(from).length !== 2) this.error(`lazyUplotIntl: uPlot's source changed (no single "${from}")`);
        out = out.replace(from, to);
      }
      return { code: out, map: null };
    },
  };
}

/**
 * Marks the page's script chunks (not the worker's) with V8's explicit compile hint: their
 * functions are compiled eagerly, off the main thread while the file streams in, instead of
 * lazily on first call: almost all of the element's code runs in the task that builds the page.
 * Measured on the start-up page (software compositing, 7 cold loads each): the element's
 * connection and first render took a median 62 ms instead of 87, the whole task 162 ms
 * instead of 208. Added after minification (which drops comments); a source map moves a line.
 */
function compileHints(): Plugin {
  const HINT = '//# allFunctionsCalledOnLoad\n';
  return {
    name: 'backprop-lab:compile-hints',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || /worker/.test(chunk.fileName)) continue;
        chunk.code = HINT + chunk.code;
        if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
        const map = bundle[`${chunk.fileName}.map`];
        if (map?.type === 'asset' && typeof map.source === 'string') {
          const json = JSON.parse(map.source) as { mappings: string };
          json.mappings = `;${json.mappings}`;
          map.source = JSON.stringify(json);
        }
      }
    },
  };
}

export default defineConfig(({ mode, command }): UserConfig => {
  const common: UserConfig = {
    worker: { format: 'es' },
    server: { host: '127.0.0.1' },
    preview: { host: '127.0.0.1' },
  };
  if (mode === 'lib' || mode === 'cdn') {
    const cdn = mode === 'cdn';
    return {
      ...common,
      plugins: cdn ? [lazyUplotIntl(), compileHints()] : [],
      // Relative asset URLs: the files work from any static path.
      base: './',
      worker: {
        format: 'es',
        rolldownOptions: { output: { entryFileNames: 'trainer.worker.js' } },
      },
      build: {
        target: 'es2022',
        outDir: cdn ? 'dist/cdn' : 'dist',
        assetsDir: '',
        emptyOutDir: cdn,
        sourcemap: true,
        minify: cdn,
        copyPublicDir: false,
        lib: {
          entry: cdn
            ? { 'backprop-lab': resolve(root, 'src/index.ts') }
            : { 'backprop-lab': resolve(root, 'src/index.ts'), core: resolve(root, 'src/core/index.ts') },
          formats: ['es'],
        },
        rolldownOptions: {
          external: cdn ? [] : external,
          // The cost curve's chart (uPlot) is a dynamic import, loaded after the element's first
          // render: the npm build keeps it a chunk of its own (a host's bundler splits it); the
          // CDN bundle stays one self-contained file (there it is evaluated with the rest).
          // Vite leaves whitespace in an ES library (its annotations are for the host's
          // bundler); nothing bundles the CDN file again, so it is minified whole.
          output: cdn ? { codeSplitting: false, minify: true } : {},
        },
      },
      // The CDN bundle ships regl's production build (no argument checks, smaller).
      resolve: cdn ? { alias: [{ find: /^regl$/, replacement: 'regl/dist/regl.unchecked.js' }] } : {},
    };
  }
  return {
    ...common,
    // The e2e pages for React and Vue import the package by name, as an app would: they get
    // the built library (npm run build:lib) when it is there, with Lit and friends from
    // node_modules. (The e2e tests load the CDN pages from scripts/static-server.mjs.)
    plugins: [builtOrSource(), lazyUplotIntl(), compileHints()],
    // Pre-bundle every page's dependencies at start-up, so no page reloads mid-test when
    // Vite discovers one (the demo and the gallery, the e2e fixture pages, the benchmarks).
    optimizeDeps: { entries: ['*.html', 'e2e/fixtures/*.html', 'bench/*.html'] },
    // The built demo site works from any static path (relative asset URLs).
    base: './',
    // The built site ships regl's production build too (no argument checks: each check of a
    // shader's compile status is one more synchronous wait on the GPU process); the dev server
    // keeps the checks.
    resolve: command === 'build' ? { alias: [{ find: /^regl$/, replacement: 'regl/dist/regl.unchecked.js' }] } : {},
    // The demo (index.html) and the embedding gallery (embed.html).
    build: {
      target: 'es2022',
      outDir: 'dist-demo',
      rolldownOptions: { input: { main: resolve(root, 'index.html'), embed: resolve(root, 'embed.html') } },
    },
  };
});

// The browser benchmarks, run by scripts/bench.mjs in headless Chromium. Results land on
// `window.__benchResults` (or `window.__benchError`).
import { runCurveBench } from './curve.browser';
import { runDashboardBench } from './dashboard.browser';
import { runMemoryBench } from './memory.browser';
import { runRenderBench } from './render.browser';
import { runStartupBench } from './startup.browser';
import { runStreamingBench } from './streaming.browser';
import { runTimelineBench } from './timeline.browser';

type Suite = { name: string; run: () => Promise<Record<string, number>> };

const suites: Suite[] = [
  // first: a fresh browser's GPU program cache is cold, as on a first visit
  { name: 'startup', run: runStartupBench },
  { name: 'streaming', run: runStreamingBench },
  { name: 'render', run: runRenderBench },
  { name: 'curve', run: runCurveBench },
  { name: 'dashboard', run: runDashboardBench },
  { name: 'timeline', run: runTimelineBench },
  // last: its probe attaches DevTools to the page's workers from its first reading on
  { name: 'memory', run: runMemoryBench },
];

async function main(): Promise<void> {
  const only = new URLSearchParams(location.search).get('only');
  const results: Record<string, Record<string, number>> = {};
  for (const suite of suites) {
    if (only && !only.split(',').includes(suite.name)) continue;
    const status = document.getElementById('status');
    if (status) status.textContent = `running ${suite.name}…`;
    results[suite.name] = await suite.run();
  }
  (window as unknown as { __benchResults: unknown }).__benchResults = results;
}

main().catch((err: unknown) => {
  (window as unknown as { __benchError: string }).__benchError =
    err instanceof Error ? (err.stack ?? err.message) : String(err);
});

// Dashboard benchmark (browser): the whole <backprop-lab> training at max speed, as a visitor
// sees it. Reports frame times (requestAnimationFrame intervals), long tasks and the delivered
// training rate, for the tutorial network and for a larger one, and with the network diagram
// shown beside every other view at H = 16 (issue 13's budget: a median frame under 33 ms).
import '../src/index';
import { quantileSorted } from './stats';

interface Case {
  name: string;
  attributes: Record<string, string>;
}

const CASES: Case[] = [
  { name: 'tutorial (N=100, H=3)', attributes: { iterations: '20000' } },
  { name: 'larger (N=1000, H=16)', attributes: { iterations: '3000', samples: '1000', 'hidden-units': '16' } },
  {
    name: 'network diagram and all views (N=100, H=16)',
    attributes: {
      // about 4 s of training at this size: enough frames for a median
      iterations: '100000',
      'hidden-units': '16',
      views: 'decision-map hidden-space cost-curve gradient-check network',
    },
  },
];

async function runCase(c: Case): Promise<Record<string, number>> {
  const lab = document.createElement('backprop-lab');
  for (const [k, v] of Object.entries(c.attributes)) lab.setAttribute(k, v);
  lab.setAttribute('speed', 'max');
  lab.style.display = 'block';
  lab.style.width = '1100px';
  document.body.append(lab);
  await lab.reset();

  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const frames: number[] = [];
  let last = 0;
  let running = true;
  const tick = (t: number): void => {
    if (last) frames.push(t - last);
    last = t;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  const t0 = performance.now();
  await lab.start();
  await lab.whenFinished();
  const seconds = (performance.now() - t0) / 1000;
  running = false;
  observer.disconnect();
  const iterations = lab.iteration;
  lab.remove();
  frames.sort((a, b) => a - b);
  return {
    [`${c.name}: iterations/s`]: Math.round(iterations / seconds),
    [`${c.name}: median frame (ms)`]: Number(quantileSorted(frames, 0.5).toFixed(1)),
    [`${c.name}: p95 frame (ms)`]: Number(quantileSorted(frames, 0.95).toFixed(1)),
    [`${c.name}: longest frame (ms)`]: Number((frames[frames.length - 1] ?? Number.NaN).toFixed(1)),
    [`${c.name}: long tasks > 50 ms`]: longTasks.length,
  };
}

export async function runDashboardBench(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of CASES) Object.assign(out, await runCase(c));
  return out;
}

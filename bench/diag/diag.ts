// Frame diagnostics (not a benchmark suite): what an animation frame costs in the benches' headless
// Chromium, case by case (an empty page, a changing word, a WebGL canvas, copies of a shared WebGL
// canvas onto 2-D canvases, the element paused or training with views switched off). Driven by
// bench/diag/run.mjs, which adds each case's CPU time per frame by process and thread (the GPU
// process's SwiftShader threads included) from /proc. Usage: see run.mjs.
import '../../src/index';
import type { BackpropLab } from '../../src/components/backprop-lab';
import { frameScheduler } from '../../src/render/canvas/frame-scheduler';
import { quantileSorted } from '../stats';
import { sharedGl } from '../../src/render/gl/shared-context';
import { presents } from '../../src/render/canvas/canvas-view';

const WINDOW = 4000;
/** Hooks run.mjs exposes and the results it reads. */
const page = window as unknown as {
  __cpu?: (phase: 'start' | 'end') => Promise<void>;
  __diag?: unknown;
  __mutations?: unknown;
};
type Settable = { frames: { setVisible(v: boolean): void } };

// wrf=1: every 2-D context is a software one (willReadFrequently), e.g. the views' copies' targets
if (new URLSearchParams(location.search).get('wrf')) {
  const getContext = HTMLCanvasElement.prototype.getContext as (
    this: HTMLCanvasElement,
    id: string,
    o?: object,
  ) => unknown;
  (HTMLCanvasElement.prototype as unknown as { getContext: typeof getContext }).getContext = function (id, o) {
    return getContext.call(this, id, id === '2d' ? { ...o, willReadFrequently: true } : o);
  };
}

/** Every open shadow root on the page, nested ones too. */
function shadowRoots(root: ParentNode = document, out: ShadowRoot[] = []): ShadowRoot[] {
  for (const el of root.querySelectorAll('*'))
    if (el.shadowRoot) {
      out.push(el.shadowRoot);
      shadowRoots(el.shadowRoot, out);
    }
  return out;
}

function nextFrame(): Promise<void> {
  return new Promise((r) => requestAnimationFrame(() => r()));
}
function summ(v: number[]) {
  const s = [...v].sort((a, b) => a - b);
  return {
    n: s.length,
    median: +quantileSorted(s, 0.5).toFixed(1),
    p95: +quantileSorted(s, 0.95).toFixed(1),
    max: +(s[s.length - 1] ?? 0).toFixed(1),
  };
}
async function measure(ms: number, perFrame?: () => void) {
  const intervals: number[] = [];
  const script: number[] = [];
  let last = 0;
  const end = performance.now() + ms;
  await page.__cpu?.('start');
  await new Promise<void>((resolve) => {
    const tick = (t: number) => {
      if (last) intervals.push(t - last);
      last = t;
      if (perFrame) {
        const a = performance.now();
        perFrame();
        script.push(performance.now() - a);
      }
      if (performance.now() < end) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  await page.__cpu?.('end');
  return { frame: summ(intervals), script: summ(script) };
}

function webgl(size: number, attach: boolean) {
  const c = document.createElement('canvas');
  c.width = c.height = size;
  if (attach) document.body.append(c);
  const gl = c.getContext('webgl', { preserveDrawingBuffer: true, antialias: false })!;
  return { c, gl };
}

const cases: Record<string, () => Promise<unknown>> = {
  async empty() {
    return measure(WINDOW);
  },
  async text() {
    const q = new URLSearchParams(location.search);
    const div = document.createElement('div');
    div.style.cssText = q.get('css') ?? 'font: 14px sans-serif';
    document.body.append(div);
    if (q.get('bg')) document.body.style.background = q.get('bg')!;
    let k = 0;
    return measure(WINDOW, () => {
      div.textContent = `iteration ${k++}`;
    });
  },
  async webglSmall() {
    const { gl } = webgl(300, true);
    let k = 0;
    return measure(WINDOW, () => {
      gl.clearColor((k++ % 60) / 60, 0, 0, 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
    });
  },
  async copies() {
    const q = new URLSearchParams(location.search);
    const n = Number(q.get('n') ?? 3);
    const size = Number(q.get('size') ?? 400);
    const buf = Number(q.get('buf') ?? 512);
    const mode = q.get('mode') ?? 'drawImage';
    const c = document.createElement('canvas');
    c.width = c.height = buf;
    const gl = c.getContext('webgl', {
      preserveDrawingBuffer: q.get('pdb') === '1',
      antialias: false,
      premultipliedAlpha: false,
    })!;
    const targets = Array.from({ length: n }, () => {
      const t = document.createElement('canvas');
      t.width = t.height = size;
      document.body.append(t);
      return t;
    });
    const ctxs = targets.map((t) => (mode === 'bitmap' ? null : t.getContext('2d')!));
    const bctx = targets.map((t) => (mode === 'bitmap' ? t.getContext('bitmaprenderer')! : null));
    const off = mode === 'bitmap' || mode === 'bitmapDraw' ? new OffscreenCanvas(size, size) : null;
    const ogl = off ? (off.getContext('webgl', { antialias: false }) as WebGLRenderingContext) : null;
    const pixels = new Uint8ClampedArray(size * size * 4);
    const image = new ImageData(pixels, size, size);
    let k = 0;
    return measure(WINDOW, () => {
      targets.forEach((_, i) => {
        const g = ogl ?? gl;
        g.clearColor((k++ % 60) / 60, 0.5, 0, 1);
        g.clear(g.COLOR_BUFFER_BIT);
        if (mode === 'drawImage') {
          const ctx = ctxs[i]!;
          ctx.globalCompositeOperation = 'copy';
          ctx.drawImage(c, 0, c.height - size, size, size, 0, 0, size, size);
        } else if (mode === 'readPixels') {
          gl.readPixels(0, 0, size, size, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
          ctxs[i]!.putImageData(image, 0, 0);
        } else if (mode === 'bitmap') {
          bctx[i]!.transferFromImageBitmap(off!.transferToImageBitmap());
        } else if (mode === 'bitmapDraw') {
          // as SharedGlContext.present: the OffscreenCanvas's frame, drawn onto a 2-D canvas
          const bitmap = off!.transferToImageBitmap();
          ctxs[i]!.globalCompositeOperation = 'copy';
          ctxs[i]!.drawImage(bitmap, 0, 0);
          bitmap.close();
        } else if (mode === 'none') {
          // draw only
        }
      });
    });
  },
  async canvas2d() {
    const n = Number(new URLSearchParams(location.search).get('n') ?? 3);
    const size = Number(new URLSearchParams(location.search).get('size') ?? 400);
    const targets = Array.from({ length: n }, () => {
      const t = document.createElement('canvas');
      t.width = t.height = size;
      document.body.append(t);
      return t.getContext('2d')!;
    });
    let k = 0;
    return measure(WINDOW, () => {
      for (const ctx of targets) {
        ctx.fillStyle = `rgb(${k++ % 255},0,0)`;
        ctx.fillRect(0, 0, size, size);
      }
    });
  },
  async lab() {
    const q = new URLSearchParams(location.search);
    const lab = document.createElement('backprop-lab') as BackpropLab;
    lab.setAttribute('speed', 'max');
    for (const [k, v] of q)
      if (!['case', 'train', 'n', 'size', 'off', 'nocopy', 'mut', 'promote', 'ticker', 'wrf', 'fencelat'].includes(k))
        lab.setAttribute(k, v);
    lab.setAttribute('iterations', '10000000');
    lab.style.display = 'block';
    lab.style.width = '1100px';
    document.body.append(lab);
    await lab.reset();
    for (let i = 0; i < 120; i++) {
      await nextFrame();
      if (frameScheduler.pendingSetup === 0 && i > 30) break;
    }
    for (let k = 0; k < 10; k++) await nextFrame();
    for (const tag of (q.get('off') ?? '').split(',').filter(Boolean)) {
      const el = lab.shadowRoot!.querySelector(tag) as unknown as Settable;
      el.frames.setVisible(false);
    }
    const mutations = new Map<string, number>();
    if (q.get('mut')) {
      const describe = (n: Node | null): string => {
        const parts: string[] = [];
        let el: Node | null = n;
        while (el && parts.length < 4) {
          if (el instanceof Element)
            parts.unshift(
              el.tagName.toLowerCase() +
                (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '') +
                (el.id ? '#' + el.id : ''),
            );
          el = el.parentNode instanceof ShadowRoot ? el.parentNode.host : el.parentNode;
        }
        return parts.join('>');
      };
      for (const r of shadowRoots())
        new MutationObserver((list) => {
          for (const m of list) {
            const key = `${m.type}:${m.attributeName ?? ''}:${describe(m.target.nodeType === 3 ? m.target.parentNode : m.target)}`;
            mutations.set(key, (mutations.get(key) ?? 0) + 1);
          }
        }).observe(r, { subtree: true, characterData: true, childList: true, attributes: true });
    }
    page.__mutations = mutations;
    if (q.get('promote')) {
      const css =
        q.get('promote') === '1' ? 'dl.status dd, span.readout { will-change: transform; }' : q.get('promote')!;
      for (const r of shadowRoots()) {
        const st = document.createElement('style');
        st.textContent = css;
        r.append(st);
      }
    }
    if (q.get('nocopy')) (sharedGl as unknown as { present: () => void }).present = () => {};
    const train = q.get('train') !== '0';
    const stats: { drawMs: number; commitMs: number; gpuMs: number; drawn: number; deferred: number }[] = [];
    frameScheduler.onFrame = (s) =>
      stats.push({ drawMs: s.drawMs, commitMs: s.commitMs, gpuMs: s.gpuMs, drawn: s.drawn, deferred: s.deferred });
    const lt: number[] = [];
    const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => lt.push(Math.round(e.duration))));
    obs.observe({ type: 'longtask' });
    // fencelat=1: how long after a draw phase its fences signal (polled on a message loop)
    const fenceLat: number[] = [];
    let polling = q.get('fencelat') === '1';
    if (polling) {
      const p = presents as unknown as { waiting: { fence: { done(): boolean } }[]; since: number };
      let seen = -1;
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        if (p.waiting.length > 0 && p.since !== seen && p.waiting.every((w) => w.fence.done())) {
          seen = p.since;
          fenceLat.push(Math.round((performance.now() - p.since) * 10) / 10);
        }
        if (polling) setTimeout(() => ch.port2.postMessage(0), 0);
      };
      ch.port2.postMessage(0);
    }
    if (train) void lab.start();
    const t0 = performance.now();
    let tickerDiv: HTMLDivElement | null = null;
    if (q.get('ticker')) {
      tickerDiv = document.createElement('div');
      document.body.prepend(tickerDiv);
    }
    let tk = 0;
    const m = await measure(
      WINDOW,
      tickerDiv
        ? () => {
            tickerDiv!.textContent = `t ${tk++}`;
          }
        : undefined,
    );
    polling = false;
    const it = lab.iteration;
    const secs = (performance.now() - t0) / 1000;
    if (train) await lab.pause();
    obs.disconnect();
    frameScheduler.onFrame = null;
    const canvases = [...lab.shadowRoot!.querySelectorAll('*')]
      .flatMap((e) => [...(e.shadowRoot?.querySelectorAll('canvas') ?? [])])
      .map((c) => `${c.width}x${c.height}`);
    return {
      ...m,
      itPerS: Math.round(it / secs),
      schedFrames: stats.length,
      drawMs: summ(stats.map((s) => s.drawMs)),
      commitMs: summ(stats.map((s) => s.commitMs)),
      gpuEst: summ(stats.map((s) => s.gpuMs)),
      drawn: summ(stats.map((s) => s.drawn)),
      deferred: summ(stats.map((s) => s.deferred)),
      longTasks: lt,
      canvases,
      dpr: devicePixelRatio,
      mutations: Object.fromEntries([...mutations].sort((a, b) => b[1] - a[1]).slice(0, 25)),
      shared: `${sharedGl.target?.width}x${sharedGl.target?.height}`,
      fenceLat: fenceLat.length ? summ(fenceLat) : undefined,
      shownAfter: presents.counts.after,
    };
  },
  /**
   * viewgpu: each WebGL view's training draw in the element, timed to a one-pixel read-back
   * (software GL: the read waits for the GPU), median of `n` (default 20), paused so nothing
   * else draws meanwhile; `parts=1` also times the map's passes alone (clear, coarse network,
   * full-resolution upscale and shading, markers); `cpu=upscale` (with parts=1) the upscale
   * pass's CPU time per draw by thread; `lat=<ms>` see below. Any other key is an
   * attribute of the element. Measured 2026-11-30 (tutorial, quiet): map 190² 4.2-4.5 ms
   * (clear 0.3, coarse 1.0-1.3, upscale 1.65-1.95, markers 0.8, each with the read's 0.3),
   * hidden space 249² 1.5-2.0 ms.
   */
  async viewgpu() {
    const q = new URLSearchParams(location.search);
    const lab = document.createElement('backprop-lab') as BackpropLab;
    for (const [k, v] of q) if (!['case', 'n', 'parts', 'lat', 'v', 'cpu'].includes(k)) lab.setAttribute(k, v);
    lab.style.display = 'block';
    lab.style.width = '1100px';
    document.body.append(lab);
    await lab.reset();
    for (let i = 0; i < 300 && frameScheduler.pendingSetup !== 0; i++) await nextFrame();
    await lab.step(50);
    for (let k = 0; k < 10; k++) await nextFrame();
    const gl = sharedGl.context!;
    const pixel = new Uint8Array(4);
    const runs = Number(q.get('n') ?? 20);
    type Drawn = { view: { renderer: { kind: string; draw(q?: string): void } | null }; drawFrame(r: unknown): void };
    const out: Record<string, unknown> = {};
    const time = (draw: () => void): number => {
      const times: number[] = [];
      for (let k = 0; k < runs + 3; k++) {
        const t = performance.now();
        draw();
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        if (k >= 3) times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return Number(quantileSorted(times, 0.5).toFixed(2));
    };
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    out.readOnly = time(() => {});
    for (const tag of ['bp-decision-map', 'bp-hidden-space', 'bp-network']) {
      const el = lab.shadowRoot!.querySelector(tag) as unknown as Drawn | null;
      const renderer = el?.view.renderer;
      if (!el || !renderer || renderer.kind !== 'webgl') continue;
      const canvas = (el as unknown as HTMLElement).shadowRoot!.querySelector('canvas')!;
      out[`${tag} ${canvas.width}x${canvas.height}`] =
        tag === 'bp-decision-map' ? time(() => renderer.draw('fast')) : time(() => el.drawFrame(renderer));
    }
    if (q.get('lat')) {
      // The map's draw flushed, then after `lat` ms a one-pixel read timed: ~0.3 ms if the GPU
      // has run the draw meanwhile, the whole draw if it has not. v=plain: the flush with the
      // draw's render pass still open; v=copy: ended by a copyTexSubImage2D into a texture (as
      // deferred-present.ts does); v=fb / copyfb: then a one-pixel clear of another framebuffer,
      // which opens a pass again. Measured 2026-11-30, software compositing: plain 5.4 ms,
      // copy 0.8, fb 4.6, copyfb 4.9 (lat=10): ANGLE defers a flush inside an open render pass,
      // so the GPU starts only when something waits for it. Also the fence latency of the same
      // draw (a timer query, polled on a message loop): 8-10 ms for ~4.5 ms of GPU work.
      const el = lab.shadowRoot!.querySelector('bp-decision-map') as unknown as Drawn;
      const renderer = el.view.renderer!;
      const mapCanvas = (el as unknown as HTMLElement).shadowRoot!.querySelector('canvas')!;
      const [w, h] = [mapCanvas.width, mapCanvas.height];
      const waitMs = Number(q.get('lat'));
      const reads: number[] = [];
      const lats: number[] = [];
      const { fenceAround } = await import('../../src/render/gl/gpu-fence');
      const tex = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, tex);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, w, h, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
      const fb2 = gl.createFramebuffer();
      gl.bindFramebuffer(gl.FRAMEBUFFER, fb2);
      gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, tex, 0);
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      const variant = q.get('v') ?? 'plain';
      for (let k = 0; k < 20; k++) {
        (renderer as unknown as { regl: { _refresh(): void } }).regl._refresh();
        renderer.draw('fast');
        if (variant === 'copy' || variant === 'copyfb') {
          gl.bindFramebuffer(gl.FRAMEBUFFER, null);
          gl.bindTexture(gl.TEXTURE_2D, tex);
          gl.copyTexSubImage2D(gl.TEXTURE_2D, 0, 0, 0, 0, 0, w, h);
        }
        if (variant === 'copyfb' || variant === 'fb') {
          gl.bindFramebuffer(gl.FRAMEBUFFER, fb2);
          gl.clearColor(0, 0, 0, 0);
          gl.enable(gl.SCISSOR_TEST);
          gl.scissor(0, 0, 1, 1);
          gl.clear(gl.COLOR_BUFFER_BIT);
          gl.disable(gl.SCISSOR_TEST);
          gl.bindFramebuffer(gl.FRAMEBUFFER, null);
        }
        gl.flush();
        await new Promise((r) => setTimeout(r, waitMs));
        const t = performance.now();
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        reads.push(performance.now() - t);
        const t1 = performance.now();
        const fence = fenceAround(gl, () => renderer.draw('fast'))!;
        await new Promise<void>((resolve) => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => (fence.done() ? resolve() : setTimeout(() => ch.port2.postMessage(0), 0));
          ch.port2.postMessage(0);
        });
        lats.push(performance.now() - t1);
        fence.dispose();
      }
      out.readAfterWait = summ(reads);
      out.fenceLatency = summ(lats);
    }
    if (q.get('parts')) {
      const el = lab.shadowRoot!.querySelector('bp-decision-map') as unknown as Drawn;
      const map = el.view.renderer as unknown as {
        regl: { clear(o: object): void; poll(): void };
        width: number;
        height: number;
        drawCoarse(fb: null, vp: object): number;
        pieces: { get(k: string): (p: object) => void };
        points: { inputs: unknown; classes: unknown; count: number };
        clipFromPlane: unknown;
        marker: unknown;
      };
      const viewport = { x: 0, y: 0, width: map.width, height: map.height };
      out.mapClear = time(() => map.regl.clear({ color: [0, 0, 0, 0], depth: 1, framebuffer: null }));
      out.mapCoarseAndUpscale = time(() => map.drawCoarse(null, viewport));
      const m = map as unknown as {
        network: unknown;
        shade: unknown;
        plane: Float32Array;
        region: Float32Array;
        pieces: { get(k: string): ((p: object) => void) & { texture: unknown; framebuffer: unknown } };
      };
      const coarse = m.pieces.get('coarse');
      const cells = { x: 0, y: 0, width: 96, height: 96 };
      out.mapCoarsePass = time(() =>
        m.pieces.get('probabilities')({
          network: m.network,
          shade: m.shade,
          planeFromFrag: m.plane,
          framebuffer: coarse.framebuffer,
          viewport: cells,
          scissor: cells,
        }),
      );
      const upscale = (): void =>
        m.pieces.get('upscaled')({
          probabilities: coarse.texture,
          region: m.region,
          shade: m.shade,
          framebuffer: null,
          viewport,
        });
      out.mapUpscalePass = time(upscale);
      if (q.get('cpu') === 'upscale') {
        // the upscale pass's CPU time by process and thread (run.mjs: per draw, as "frames").
        // Measured 2026-11-30 at 190²: SwiftShader's threads 3.4-4.0 ms a draw; 1.0-1.5 with the
        // shading replaced by vec4(p.xyz, 1); 2.8 with the fill and its alpha alone (no line);
        // a two-class line (one fwidth instead of five), with or without a uniform branch, or
        // no derivatives at all: no change. The shading's arithmetic is ~70% of the pass.
        for (let k = 0; k < 5; k++) upscale();
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        await page.__cpu?.('start');
        for (let k = 0; k < 200; k++) {
          upscale();
          gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        }
        await page.__cpu?.('end');
        out.frame = { n: 200 };
      }
      out.mapPoints = time(() =>
        map.pieces.get('points')({
          positions: map.points.inputs,
          classes: map.points.classes,
          count: map.points.count,
          clipFromPlane: map.clipFromPlane,
          style: map.marker,
          viewport,
        }),
      );
    }
    return out;
  },
};

(async () => {
  const name = new URLSearchParams(location.search).get('case') ?? 'empty';
  try {
    page.__diag = await cases[name]!();
  } catch (e) {
    page.__diag = { error: String((e as Error).stack ?? e) };
  }
})();

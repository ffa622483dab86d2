// Sharing and exports through the element with its real worker: state → link → state, a
// loaded network drawn as the original, a few hundred hostile texts refused while the run goes
// on, the exports, and embed code → an element that trains the same run.
import { afterEach, describe, expect, it } from 'vitest';
import { makeBlobs } from '../core/datasets';
import { RandomState } from '../core/random';
import { DEFAULT_CONFIG } from '../protocol/config-schema';
import { decodeState, encodeState } from '../protocol/share/index';
import { until } from '../../test/helpers/browser';
import './backprop-lab';
import type { BackpropLab } from './backprop-lab';

const mounted: HTMLElement[] = [];
afterEach(() => {
  while (mounted.length) mounted.pop()!.remove();
});

function place(lab: BackpropLab): BackpropLab {
  lab.style.cssText = 'display: block; width: 640px';
  document.body.append(lab);
  mounted.push(lab);
  return lab;
}

async function mount(attributes: Record<string, string>): Promise<BackpropLab> {
  const lab = document.createElement('backprop-lab');
  for (const [name, value] of Object.entries(attributes)) lab.setAttribute(name, value);
  place(lab);
  await lab.updateComplete;
  return lab;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('<backprop-lab> sharing', () => {
  it('state → link → state, and a loaded network draws the same picture', async () => {
    const lab = await mount({ speed: 'max', iterations: '200', 'hidden-units': '4', 'learning-rate': '0.05' });
    await lab.start();
    await lab.whenFinished();
    const text = lab.shareState();
    expect(text).toBe('v1~h_4~lr_0.05~i_200~v_max');
    const withParams = lab.shareState({ params: true });
    const params = lab.exportParams();
    const map = await lab.toDataURL('decision-map');
    const costAt200 = lab.cost;

    await lab.loadState('v1~s_7');
    expect(lab.config).toMatchObject({ seed: 7, hiddenUnits: 3, learningRate: 0.02, iterations: 300 });
    expect(lab.shareState()).toBe('v1~s_7');

    await lab.loadState(text);
    expect(lab.shareState()).toBe(text);
    expect(lab.iteration).toBe(0);

    await lab.loadState(withParams);
    expect(lab.state).toBe('idle');
    expect(lab.iteration).toBe(0);
    expect(lab.exportParams()).toBe(params);
    expect(lab.cost).toBe(costAt200);
    expect(await lab.toDataURL('decision-map')).toBe(map);
    expect(lab.shareState({ params: true })).toBe(withParams);
  });

  it('refuses 300 hostile texts with a ShareStateError naming the field, and the run goes on', async () => {
    const lab = await mount({ speed: '300', iterations: '1000000', 'hidden-units': '5' });
    await lab.start();
    await until(() => lab.iteration > 3, 'training');
    const config = lab.config;
    const valid = lab.shareState({ params: true });
    const rng = new RandomState(1129);
    const texts: unknown[] = [undefined, null, 42, {}, ['v1'], '<img src=x onerror=alert(1)>', 'v1~h_<b>x</b>'];
    while (texts.length < 300) {
      const at = rng.randomInterval(valid.length);
      const junk = '~_.-<>&"\'%éA0zv1h'.charAt(rng.randomInterval(16));
      const text = valid.slice(0, at) + junk + valid.slice(at + 1 + rng.randomInterval(3));
      // Only texts the codec refuses: a mutation that is still a valid state would load.
      try {
        decodeState(text);
      } catch {
        texts.push(text);
      }
    }
    const nodes = lab.shadowRoot!.querySelectorAll('*').length;
    for (const text of texts) {
      const error = await rejection(lab.loadState(text as string));
      expect(error.name).toBe('ShareStateError');
      expect(error.message).toMatch(/^shared state, \w+: /);
      expect(error.message).not.toMatch(/[<>]/);
    }
    expect(lab.config).toEqual(config);
    expect(lab.shadowRoot!.querySelectorAll('*').length).toBe(nodes);
    expect(lab.shadowRoot!.querySelector('img, script, b')).toBeNull();
    const iteration = lab.iteration;
    await until(() => lab.iteration > iteration + 3, 'training after the refusals', 10_000);
    expect(lab.state).toBe('running');
    await lab.pause();
  });

  it('exports the costs, the viewed parameters and the settings; embed code makes the same run', async () => {
    const lab = await mount({ speed: 'max', iterations: '120', momentum: '0.5', views: 'cost-curve decision-map' });
    await lab.start();
    await lab.whenFinished();
    const csv = lab.exportCosts('csv').trim().split('\n');
    expect(csv[0]).toBe('iteration,cost');
    expect(csv.length).toBe(122);
    const costs = lab.costs;
    csv.slice(1).forEach((line, i) => expect(line).toBe(`${i},${costs[i]}`));

    const json = JSON.parse(lab.exportParams('json')) as Record<string, number[][]>;
    const params = lab.params!;
    expect(json.Wh).toHaveLength(2);
    expect(json.Wh[0]).toHaveLength(3);
    expect(json.bh).toHaveLength(1);
    expect(json.Wo).toHaveLength(3);
    expect(json.bo[0]).toHaveLength(2);
    expect(json.Wh.flat()).toEqual(Array.from(params.Wh.data));
    expect(json.bo.flat()).toEqual(Array.from(params.bo.data));
    expect(JSON.parse(lab.exportConfig())).toEqual(lab.config);
    expect(() => lab.exportCosts('xlsx' as 'csv')).toThrow('exportCosts: format must be "csv"; got "xlsx"');

    const code = lab.embedCode();
    expect(code).toBe(
      '<backprop-lab momentum="0.5" iterations="120" speed="max" views="cost-curve decision-map"></backprop-lab>',
    );
    const parsed = new DOMParser().parseFromString(code, 'text/html').body.firstElementChild!;
    const copy = place(document.adoptNode(parsed) as BackpropLab);
    await copy.updateComplete;
    await copy.start();
    await copy.whenFinished();
    expect(copy.config).toEqual(lab.config);
    expect(Array.from(copy.costs)).toEqual(Array.from(costs));
    expect(copy.shownViews).toEqual(['cost-curve', 'decision-map']);
  });

  it('carries custom data both ways, and the costs CSV has the test costs', async () => {
    const lab = await mount({ speed: 'max' });
    const data = makeBlobs({ nSamples: 40, classes: 3, noise: 0.5 }, new RandomState(3));
    const config = { ...DEFAULT_CONFIG, generator: 'custom' as const, classes: 3, testFraction: 0.25, iterations: 50 };
    const text = encodeState({ config: { ...config, speed: 'max' }, data });
    await lab.loadState(text);
    expect(lab.config).toMatchObject({ generator: 'custom', classes: 3, testFraction: 0.25, iterations: 50 });
    expect(lab.shareState({ data: true })).toBe(text);
    expect(() => lab.shareState()).toThrow(
      'shareState: the run trains on custom data; pass { data: true } to share them',
    );
    await lab.start();
    await lab.whenFinished();
    const csv = lab.exportCosts().trim().split('\n');
    expect(csv[0]).toBe('iteration,cost,test_cost');
    expect(csv).toHaveLength(52);
    for (const line of csv.slice(1)) expect(line).toMatch(/^\d+,[\d.e-]+,[\d.e-]+$/);
  });

  it('changes nothing when a later field of a state is refused', async () => {
    const lab = await mount({ speed: '60' });
    const good = encodeState({ config: { ...lab.config, hiddenUnits: 2 } });
    await lab.loadState(good);
    expect(lab.config.hiddenUnits).toBe(2);
    const error = await rejection(lab.loadState('v1~h_9~s_5~e_quantum'));
    expect(error.message).toMatch(/engine: "quantum" is not allowed; expected one of "auto", "wasm", "js"/);
    expect(lab.config.hiddenUnits).toBe(2);
  });
});

describe('url-state with two elements', () => {
  afterEach(() => history.replaceState(history.state, '', `${location.pathname}${location.search}`));

  it('keeps one hash entry per element id, and refuses a second element on a taken key', async () => {
    history.replaceState(history.state, '', `${location.pathname}${location.search}#other=1&a=v1~h_6`);
    const a = await mount({ id: 'a', 'url-state': '', speed: '60' });
    await until(() => a.config.hiddenUnits === 6, 'a loads its entry');
    const b = await mount({ id: 'b', 'url-state': '', speed: '60' });
    await b.updateComplete;
    a.learningRate = 0.5;
    b.momentum = 0.5;
    await until(() => location.hash === '#other=1&a=v1~h_6~lr_0.5&b=v1~m_0.5', 'both entries written', 10_000);

    const errors: string[] = [];
    const c = document.createElement('backprop-lab');
    c.addEventListener('bp-error', (e) => errors.push(e.detail.message));
    c.id = 'a';
    c.urlState = true;
    place(c);
    await c.updateComplete;
    expect(errors).toEqual([
      'url-state: another element already keeps its state under "a" in the URL; give each element with url-state its own id',
    ]);
    expect(c.config.hiddenUnits).toBe(3);
    expect(location.hash).toBe('#other=1&a=v1~h_6~lr_0.5&b=v1~m_0.5');
  });
});

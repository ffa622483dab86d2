import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { CommandDetail, ConfigInputDetail } from '../events';
import {
  CONFIG_FIELDS,
  ConfigError,
  DEFAULT_CONFIG,
  allowedText,
  parseFieldText,
  type ConfigKey,
  type TrainConfig,
} from '../protocol/config-schema';
import './bp-controls';
import type { BpControls } from './bp-controls';

const mounted: HTMLElement[] = [];
afterEach(() => {
  while (mounted.length) mounted.pop()!.remove();
});

async function mount(props: Partial<Pick<BpControls, 'config' | 'state' | 'errors' | 'disabledFields'>> = {}) {
  const el = document.createElement('bp-controls');
  Object.assign(el, props);
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  // In a narrow page the settings fold behind the Settings button: open them, as a user would.
  const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('.settings-toggle');
  if (toggle && getComputedStyle(toggle).display !== 'none') {
    toggle.click();
    await el.updateComplete;
  }
  const inputs: ConfigInputDetail[] = [];
  const commands: CommandDetail['command'][] = [];
  el.addEventListener('bp-config-input', (e) => inputs.push((e as CustomEvent<ConfigInputDetail>).detail));
  el.addEventListener('bp-command', (e) => commands.push((e as CustomEvent<CommandDetail>).detail.command));
  return { el, inputs, commands };
}

/**
 * What <backprop-lab> does with a bp-config-input: parse through the schema, then either
 * take the value or show the error.
 */
function parentHandles(el: BpControls, detail: ConfigInputDetail): void {
  try {
    const value = parseFieldText(detail.key, detail.text);
    el.config = { ...el.config, [detail.key]: value } as TrainConfig;
    const { [detail.key]: _cleared, ...rest } = el.errors;
    el.errors = rest;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    el.errors = { ...el.errors, [detail.key]: err.message };
  }
}

/** mount(), with a parent that handles the element's bp-config-input as <backprop-lab> does. */
async function mountWithParent(): ReturnType<typeof mount> {
  const mounted = await mount();
  const { el } = mounted;
  el.addEventListener('bp-config-input', (e) => parentHandles(el, (e as CustomEvent<ConfigInputDetail>).detail));
  return mounted;
}

/** Types `value` into `field` as a user would, presses Enter, and waits for the element's update. */
async function enterText(el: BpControls, field: HTMLInputElement, value: string): Promise<void> {
  await userEvent.fill(field, value);
  await userEvent.keyboard('{Enter}');
  await el.updateComplete;
}

const root = (el: BpControls): ShadowRoot => el.shadowRoot!;
const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const input = (el: BpControls, key: ConfigKey): HTMLInputElement =>
  root(el).querySelector<HTMLInputElement>(`#field-${key}`)!;
const button = (el: BpControls, cls: string): HTMLButtonElement =>
  root(el).querySelector<HTMLButtonElement>(`button.${cls}`)!;

describe('bp-controls', () => {
  it('renders every setting, in table order, labelled and described', async () => {
    const { el } = await mount();
    const fields = Array.from(root(el).querySelectorAll<HTMLElement>('[part="field"]'));
    expect(fields.map((f) => f.dataset.key)).toEqual(CONFIG_FIELDS.map((f) => f.key));
    for (const field of CONFIG_FIELDS) {
      const control = input(el, field.key);
      expect(control, field.key).not.toBeNull();
      const label = root(el).querySelector(`label[for="field-${field.key}"]`);
      expect(text(label)).toBe(field.label);
      // the accessible name comes from the <label for>
      expect((control as HTMLInputElement).labels?.[0]).toBe(label);
      const help = root(el).getElementById(control.getAttribute('aria-describedby')!)!;
      expect(text(help)).toContain(field.description);
      expect(text(help)).toContain(allowedText(field));
      if (field.kind === 'enum') {
        expect(control.tagName).toBe('SELECT');
      } else {
        expect(control.type).toBe('text');
        expect(control.value).toBe(String(DEFAULT_CONFIG[field.key]));
      }
      if (field.kind === 'int' || field.kind === 'number') {
        expect(control.getAttribute('inputmode')).toBe('decimal');
        expect(text(help)).toContain(String(field.max));
      }
    }
    const max = root(el).querySelector<HTMLInputElement>('#max-speed')!;
    expect(max.type).toBe('checkbox');
    expect(text(max.labels?.[0])).toBe('Max speed');
  });

  it('reports the exact text on Enter and on change, once', async () => {
    const { el, inputs } = await mount();
    const lr = input(el, 'learningRate');
    await userEvent.clear(lr);
    await userEvent.type(lr, ' 1e-2 ');
    expect(inputs).toEqual([]);
    await userEvent.keyboard('{Enter}');
    expect(inputs).toEqual([{ key: 'learningRate', text: ' 1e-2 ' }]);
    // leaving the field fires `change`, but that text was already reported
    await userEvent.click(input(el, 'seed'));
    expect(inputs).toHaveLength(1);

    const samples = input(el, 'samples');
    await userEvent.fill(samples, '250');
    samples.dispatchEvent(new Event('change', { bubbles: true }));
    expect(inputs[1]).toEqual({ key: 'samples', text: '250' });
  });

  it('fires the select’s value', async () => {
    const { el, inputs } = await mount();
    const select = root(el).querySelector<HTMLSelectElement>('#field-generator')!;
    select.value = 'circles';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(inputs).toEqual([{ key: 'generator', text: 'circles' }]);
  });

  it('shows errors with aria-invalid and text, keeps the bad text, and Escape reverts', async () => {
    const { el, inputs } = await mountWithParent();
    const noise = input(el, 'noise');
    await enterText(el, noise, 'abc');
    expect(inputs).toEqual([{ key: 'noise', text: 'abc' }]);
    expect(noise.getAttribute('aria-invalid')).toBe('true');
    const error = root(el).getElementById('error-noise')!;
    expect(text(error)).toContain('expected a number from 0 to 1');
    expect(noise.getAttribute('aria-describedby')!.split(' ')).toEqual(['help-noise', 'error-noise']);
    expect(noise.value).toBe('abc');

    // other updates from the parent do not overwrite the bad text
    el.config = { ...el.config, seed: 7 };
    el.state = 'running';
    await el.updateComplete;
    expect(noise.value).toBe('abc');
    expect(input(el, 'seed').value).toBe('7');

    // Escape: back to the current good value, and the parent hears it so the error clears
    noise.focus();
    await userEvent.keyboard('{Escape}');
    await el.updateComplete;
    expect(noise.value).toBe('0.1');
    expect(inputs.at(-1)).toEqual({ key: 'noise', text: '0.1' });
    expect(noise.getAttribute('aria-invalid')).toBe('false');
    expect(root(el).getElementById('error-noise')).toBeNull();
  });

  it('takes a fixed value after an error', async () => {
    const { el, inputs } = await mountWithParent();
    const momentum = input(el, 'momentum');
    await enterText(el, momentum, '1');
    expect(text(root(el).getElementById('error-momentum'))).toContain('less than 1');
    await enterText(el, momentum, '0.5');
    expect(inputs.map((d) => d.text)).toEqual(['1', '0.5']);
    expect(el.config.momentum).toBe(0.5);
    expect(momentum.value).toBe('0.5');
    expect(momentum.getAttribute('aria-invalid')).toBe('false');
    // the new value now follows config again
    el.config = { ...el.config, momentum: 0.8 };
    await el.updateComplete;
    expect(momentum.value).toBe('0.8');
  });

  it('toggles max speed, and unticking restores a number', async () => {
    const { el, inputs } = await mountWithParent();
    const max = root(el).querySelector<HTMLInputElement>('#max-speed')!;
    expect(max.checked).toBe(false);
    await userEvent.click(max);
    await el.updateComplete;
    expect(inputs).toEqual([{ key: 'speed', text: 'max' }]);
    expect(el.config.speed).toBe('max');
    expect(input(el, 'speed').value).toBe('max');
    await userEvent.click(max);
    await el.updateComplete;
    expect(inputs[1]).toEqual({ key: 'speed', text: '60' });
    expect(input(el, 'speed').value).toBe('60');
    expect(max.checked).toBe(false);

    // starting at "max", unticking gives the field's default
    const other = await mount({ config: { ...DEFAULT_CONFIG, speed: 'max' } });
    const otherMax = root(other.el).querySelector<HTMLInputElement>('#max-speed')!;
    expect(otherMax.checked).toBe(true);
    otherMax.focus();
    await userEvent.keyboard(' ');
    expect(other.inputs).toEqual([{ key: 'speed', text: '60' }]);

    // typing "max" ticks the box
    const speed = input(el, 'speed');
    await userEvent.fill(speed, 'max');
    await el.updateComplete;
    expect(max.checked).toBe(true);
  });

  it('disables the fields it is told to', async () => {
    const { el } = await mount({ disabledFields: ['hiddenUnits', 'speed'] });
    expect(input(el, 'hiddenUnits').disabled).toBe(true);
    expect(input(el, 'speed').disabled).toBe(true);
    expect(root(el).querySelector<HTMLInputElement>('#max-speed')!.disabled).toBe(true);
    expect(input(el, 'noise').disabled).toBe(false);
  });

  it('fires commands and follows the state', async () => {
    const { el, commands } = await mount();
    const play = button(el, 'play');
    expect(text(play)).toBe('Play');
    expect(play.getAttribute('aria-label')).toBe('Play');
    await userEvent.click(play);
    await userEvent.click(button(el, 'step'));
    await userEvent.click(button(el, 'reset'));
    expect(commands).toEqual(['start', 'step', 'reset']);
    expect(text(root(el).querySelector('[part="state"]'))).toBe('State: Idle');

    el.state = 'running';
    await el.updateComplete;
    expect(text(play)).toBe('Pause');
    expect(play.getAttribute('aria-label')).toBe('Pause');
    expect(button(el, 'step').getAttribute('aria-disabled')).toBe('true');
    play.focus();
    await userEvent.keyboard('{Enter}');
    expect(commands.at(-1)).toBe('pause');
    button(el, 'step').click();
    expect(commands).toHaveLength(4);

    el.state = 'paused';
    await el.updateComplete;
    expect(text(play)).toBe('Play');
    expect(button(el, 'step').getAttribute('aria-disabled')).toBe('false');

    for (const state of ['done', 'diverged', 'error'] as const) {
      el.state = state;
      await el.updateComplete;
      expect(el.getAttribute('state')).toBe(state);
      expect(play.getAttribute('aria-disabled'), state).toBe('true');
      expect(button(el, 'step').getAttribute('aria-disabled'), state).toBe('true');
      expect(button(el, 'reset').getAttribute('aria-disabled'), state).toBeNull();
      play.click();
      button(el, 'step').click();
      await userEvent.click(button(el, 'reset'));
      expect(commands.at(-1)).toBe('reset');
    }
    expect(commands.filter((c) => c === 'start' || c === 'step')).toHaveLength(2);
    // focus stays on a button that became unavailable under it
    play.focus();
    el.state = 'done';
    await el.updateComplete;
    expect(root(el).activeElement).toBe(play);
  });

  it('fits a 320px-wide phone with ≥ 32px targets', async () => {
    const { el } = await mount();
    el.style.width = '320px';
    await el.updateComplete;
    // narrow: the settings fold behind the Settings button, one tap away (mount opened it)
    expect(root(el).querySelector('.settings-toggle')!.getAttribute('aria-expanded')).toBe('true');
    expect(el.scrollWidth).toBeLessThanOrEqual(320);
    for (const b of root(el).querySelectorAll('button')) {
      expect(b.getBoundingClientRect().height).toBeGreaterThanOrEqual(32);
    }
    expect(input(el, 'noise').getBoundingClientRect().height).toBeGreaterThanOrEqual(32);
    expect(input(el, 'noise').getBoundingClientRect().right).toBeLessThanOrEqual(el.getBoundingClientRect().right);
  });

  it('folds the settings behind a disclosure in a narrow container, and shows them when wide', async () => {
    const { el } = await mount();
    const toggle = root(el).querySelector<HTMLButtonElement>('.settings-toggle')!;
    const fields = root(el).getElementById('fields')!;
    expect(toggle.getAttribute('aria-controls')).toBe('fields');
    el.style.width = '900px';
    await el.updateComplete;
    expect(getComputedStyle(toggle).display).toBe('none');
    expect(input(el, 'noise').getBoundingClientRect().height).toBeGreaterThan(0);

    el.style.width = '400px';
    await el.updateComplete;
    expect(getComputedStyle(toggle).display).not.toBe('none');
    if (toggle.getAttribute('aria-expanded') === 'true') {
      await userEvent.click(toggle); // mount opened it
      await el.updateComplete;
    }
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(getComputedStyle(fields).display).toBe('none');
    await userEvent.click(toggle);
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(getComputedStyle(fields).display).not.toBe('none');
    await userEvent.click(toggle);
    await el.updateComplete;
    expect(getComputedStyle(fields).display).toBe('none');
    // a field in error stays in sight, folded or not
    el.errors = { noise: 'noise: 2 is not allowed; expected a number from 0 to 1.' };
    await el.updateComplete;
    expect(getComputedStyle(fields).display).not.toBe('none');
  });

  it('shows a field’s description and range while it has focus', async () => {
    const { el } = await mount();
    el.style.width = '900px';
    const help = root(el).getElementById('help-noise')!;
    expect(getComputedStyle(help).display).toBe('none');
    input(el, 'noise').focus();
    await el.updateComplete;
    expect(getComputedStyle(help).display).toBe('block');
    expect(getComputedStyle(help).position).toBe('absolute');
  });

  it('mode="transport": the buttons, the state and the speed only', async () => {
    const { el, commands, inputs } = await mount();
    el.mode = 'transport';
    await el.updateComplete;
    expect(el.getAttribute('mode')).toBe('transport');
    const keys = Array.from(root(el).querySelectorAll<HTMLElement>('[part="field"]'), (f) => f.dataset.key);
    expect(keys).toEqual(['speed']);
    expect(root(el).querySelector('.settings-toggle')).toBeNull();
    expect(root(el).getElementById('fields')).toBeNull();
    await userEvent.click(button(el, 'step'));
    expect(commands).toEqual(['step']);
    await userEvent.click(root(el).querySelector<HTMLInputElement>('#max-speed')!);
    expect(inputs.at(-1)).toEqual({ key: 'speed', text: 'max' });
    const speed = input(el, 'speed');
    expect(speed.labels?.[0]?.textContent?.trim()).toBe('Speed');
    expect(speed.getAttribute('aria-describedby')).toBe('help-speed');
  });
});

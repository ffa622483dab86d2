// <backprop-lab> elements for browser tests: each test's elements are removed after it.
import { afterEach } from 'vitest';
import '../../src/components/backprop-lab';
import type { BackpropLab } from '../../src/components/backprop-lab';

const mounted: HTMLElement[] = [];
afterEach(() => {
  while (mounted.length) mounted.pop()!.remove();
});

/** A connected <backprop-lab> with these attributes, 640 px wide, removed after the current test. */
export async function mountLab(attributes: Record<string, string> = {}): Promise<BackpropLab> {
  const lab = placeLab(attributes);
  mounted.push(lab);
  await lab.updateComplete;
  return lab;
}

/**
 * A connected <backprop-lab> with these attributes, 640 px wide, that the caller removes (one
 * element shared by a whole file, made in `beforeAll`).
 */
export function placeLab(attributes: Record<string, string> = {}): BackpropLab {
  const lab = document.createElement('backprop-lab');
  for (const [name, value] of Object.entries(attributes)) lab.setAttribute(name, value);
  lab.style.cssText = 'display: block; width: 640px';
  document.body.append(lab);
  return lab;
}

/** The text of the element's polite live region. */
export function liveText(lab: BackpropLab): string {
  return lab.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')?.textContent?.trim() ?? '';
}

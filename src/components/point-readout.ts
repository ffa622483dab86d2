// The linked hover's readout: the highlighted sample's input x, hidden activations h(x), class
// probabilities p(x), its class and the network's. One forward pass of one sample (the core's
// own), per render while a sample is highlighted.
import { html, nothing } from 'lit';
import { hiddenActivations, outputActivations } from '../core/network';
import type { Params } from '../core/types';
import type { DatasetMessage } from '../protocol/trainer-api';

/** hidden activations listed before the rest is elided (H = 64 would fill the page) */
const MAX_LISTED = 8;

const num = (v: number): string => v.toFixed(2).replace('-', '−');
const vector = (values: ArrayLike<number>, limit = Infinity): string => {
  const list = Array.from(values).slice(0, limit).map(num);
  return `(${list.join(', ')}${values.length > limit ? `, … ${values.length - limit} more` : ''})`;
};

/** The readout's text for sample `index`, or '' when there is none to give. */
export function describePoint(params: Params | null, data: DatasetMessage | null, index: number | null): string {
  if (index === null || !params || !data || index < 0 || index >= data.samples || data.inputs !== params.Wh.rows) {
    return '';
  }
  const D = data.inputs;
  const x = data.X.subarray(index * D, index * D + D);
  let h: Float64Array;
  let p: Float64Array;
  try {
    const H = hiddenActivations({ rows: 1, cols: D, data: Float64Array.from(x) }, params.Wh, params.bh);
    h = Float64Array.from(H.data);
    p = Float64Array.from(outputActivations(H, params.Wo, params.bo).data);
  } catch {
    return '';
  }
  if (![...h, ...p].every(Number.isFinite)) return '';
  let predicted = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[predicted]) predicted = k;
  return (
    `Sample ${index + 1} of ${data.samples}, class ${data.t[index]} (network: ${predicted}): ` +
    `x = ${vector(x)}, h(x) = ${vector(h, MAX_LISTED)}, p(x) = ${vector(p)}`
  );
}

export function renderPointReadout(text: string) {
  return text ? html`<p class="readout" part="point-readout">${text}</p>` : nothing;
}

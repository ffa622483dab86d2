import { describe, expect, it } from 'vitest';
import { backpropGradients } from './backprop';
import { backward, forwardHidden, forwardOutput } from './kernels';
import { notebookSetup } from './notebook';
import { packParams, paramCount } from './params';
import { createWorkspace, gradientParams, workspaceSizes } from './workspace';

describe('createWorkspace', () => {
  it('lays the four gradients out in packing order inside one buffer', () => {
    const shape = { inputs: 3, hidden: 4, classes: 5 };
    const ws = createWorkspace(workspaceSizes(7, shape));
    expect(ws.gradients.length).toBe(paramCount(shape));
    const views = [ws.gradientWeightHidden, ws.gradientBiasHidden, ws.gradientWeightOut, ws.gradientBiasOut];
    expect(views.map((v) => v.length)).toEqual([12, 4, 20, 5]);
    views.forEach((v, i) => v.fill(i + 1));
    expect(Array.from(packParams(gradientParams(ws)))).toEqual(Array.from(ws.gradients));
    expect(Array.from(ws.gradients)).toEqual([
      ...Array(12).fill(1),
      ...Array(4).fill(2),
      ...Array(20).fill(3),
      4,
      4,
      4,
      4,
      4,
    ]);
  });

  it('uses bound arrays as given and never makes up data', () => {
    const X = new Float64Array(14);
    const Y = new Float64Array(35);
    const ws = createWorkspace({ samples: 7, inputs: 2, hidden: 4, classes: 5 }, { X, outputActivations: Y });
    expect(ws.X).toBe(X);
    expect(ws.outputActivations).toBe(Y);
    expect(ws.T.length).toBe(0);
    expect(ws.hiddenActivations.length).toBe(28);
  });

  it('runs the kernels by name: the gradients equal backpropGradients', () => {
    const { X, T, checkParams: P } = notebookSetup(1, { samples: 11, hiddenUnits: 4, classes: 3 });
    const ws = createWorkspace(workspaceSizes(X.rows, { inputs: 2, hidden: 4, classes: 3 }), { X: X.data, T: T.data });
    forwardHidden(ws, P);
    forwardOutput(ws, P);
    backward(ws, P);
    expect(Array.from(ws.gradients)).toEqual(Array.from(packParams(backpropGradients(X, T, P))));
  });
});

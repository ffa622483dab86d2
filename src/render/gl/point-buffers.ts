// A data set's points on the GPU: N×2 float32 inputs and N float32 class indices (a test row's
// offset by TEST_CLASS_OFFSET, so it is drawn hollow). Uploaded once per data set (the inputs
// never change during a run), in place when the size allows.
import type REGL from 'regl';
import type { DatasetMessage } from '../../protocol/trainer-api';
import { TEST_CLASS_OFFSET, testRowMask } from './test-rows';

export class PointBuffers {
  readonly inputs: REGL.Buffer;
  readonly classes: REGL.Buffer;
  count = 0;
  private capacity = 0;
  private source: DatasetMessage | null = null;

  constructor(regl: REGL.Regl) {
    this.inputs = regl.buffer({ usage: 'static', type: 'float', length: 0 });
    this.classes = regl.buffer({ usage: 'static', type: 'float', length: 0 });
  }

  /** Uploads a data set's first two input columns and classes; a no-op for the same object. */
  update(data: DatasetMessage | null): void {
    if (data === this.source) return;
    this.source = data;
    if (!data || data.inputs < 2 || data.samples === 0) {
      this.count = 0;
      return;
    }
    const N = data.samples;
    const D = data.inputs;
    const xy = new Float32Array(2 * N);
    const c = new Float32Array(N);
    const test = testRowMask(data);
    for (let i = 0; i < N; i++) {
      xy[2 * i] = data.X[i * D];
      xy[2 * i + 1] = data.X[i * D + 1];
      c[i] = data.t[i] + TEST_CLASS_OFFSET * test[i];
    }
    if (N <= this.capacity) {
      this.inputs.subdata(xy);
      this.classes.subdata(c);
    } else {
      this.inputs({ usage: 'static', type: 'float', data: xy });
      this.classes({ usage: 'static', type: 'float', data: c });
      this.capacity = N;
    }
    this.count = N;
  }
}

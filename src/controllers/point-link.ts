import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DatasetMessage } from '../protocol/trainer-api';
import type { PointHoverDetail } from '../events';

export interface PointLinkOptions {
  /** the run's samples (a new object: a new data set, and the highlight is dropped) */
  data: () => DatasetMessage | null;
  /** says a keyboard move's readout in the live region */
  announce: (index: number) => void;
}

/**
 * Links the views' hovers: a sample hovered or reached by the keyboard in one view (the
 * decision map, the hidden space) is the dashboard's `index`, which the template hands back
 * to every view (each rings it) and to the readout. The views never import each other.
 */
export class PointLinkController implements ReactiveController {
  /** the highlighted sample (index into the data), or null */
  index: number | null = null;
  private data: DatasetMessage | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PointLinkOptions,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const data = this.options.data();
    if (data === this.data) return;
    this.data = data;
    this.index = null;
  }

  readonly onHover = (event: CustomEvent<PointHoverDetail>): void => {
    event.stopPropagation();
    const { index, source } = event.detail;
    const samples = this.data?.samples ?? 0;
    const next = index !== null && Number.isInteger(index) && index >= 0 && index < samples ? index : null;
    if (next === this.index) return;
    this.index = next;
    if (source === 'keyboard' && next !== null) this.options.announce(next);
    this.host.requestUpdate();
  };
}

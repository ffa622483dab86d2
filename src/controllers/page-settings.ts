import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  DEFAULT_VIEWS,
  parseControls,
  parseViews,
  type ControlsMode,
  type LabView,
  type PageKey,
} from '../protocol/config-schema';

/** What the page settings are read from: the host's `views` and `controls` properties. */
export interface PageSettingsHost extends ReactiveControllerHost {
  views: unknown;
  controls: unknown;
}

/**
 * The page-only settings (`views`, `controls`: how the element looks, never sent to the
 * worker), judged through the schema table once per change, before the host renders (Lit
 * calls hostUpdate after willUpdate, before render). A value the table rejects keeps the last
 * good one and leaves its message in `errors`.
 */
export class PageSettingsController implements ReactiveController {
  /** the views shown, in display order (the last valid `views`) */
  views: readonly LabView[] = DEFAULT_VIEWS;
  /** the last valid `controls` */
  controls: ControlsMode = 'all';
  /** rejected page settings: field, value and what is allowed */
  errors: Partial<Record<PageKey, string>> = {};

  constructor(private readonly host: PageSettingsHost) {
    host.addController(this);
  }

  /** the raw values last judged (reactive properties change by assignment, so identity tells) */
  private seen: { views?: unknown; controls?: unknown } = {};

  hostUpdate(): void {
    const { views, controls } = this.host;
    if (!('views' in this.seen) || views !== this.seen.views) {
      this.judge('views', () => (this.views = parseViews(views)));
    }
    if (!('controls' in this.seen) || controls !== this.seen.controls) {
      this.judge('controls', () => (this.controls = parseControls(controls)));
    }
    this.seen = { views, controls };
  }

  private judge(key: PageKey, apply: () => void): void {
    const errors = { ...this.errors };
    try {
      apply();
      delete errors[key];
    } catch (err) {
      errors[key] = err instanceof Error ? err.message : String(err);
    }
    this.errors = errors;
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TrainerController } from './trainer-controller';

/** How long after the last change the hash is written (ms): a burst of edits writes once. */
export const URL_STATE_DELAY_MS = 400;

/** The hash key of an element without an id. */
export const DEFAULT_URL_STATE_KEY = 'lab';

/** Keys in use on this page, by element: one element per key (the rule that stops two from fighting). */
const claimed = new Map<string, HTMLElement>();

export interface UrlStateOptions {
  trainer: Pick<TrainerController, 'on' | 'snapshot'>;
  /** whether the host has `url-state` */
  enabled: () => boolean;
  /** the state to keep (settings, and custom data where there are some) */
  share: () => string;
  load: (text: string) => Promise<void>;
  /** a link that could not be loaded, or a key another element holds */
  report: (message: string) => void;
}

/** The hash's `key=value` entries, in order (an entry without `=` keeps its text as the key). */
function entries(hash: string): Array<[string, string | null]> {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text) return [];
  return text.split('&').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [part, null] : [part.slice(0, eq), part.slice(eq + 1)];
  });
}

/**
 * `url-state`: keeps the element's state in `location.hash` as the entry `<id>=<state>` (the
 * element's id, or `lab` without one; other entries are left alone) and loads it when the
 * element connects and when the hash changes. Written with `history.replaceState`, a moment
 * after a setting or the data changed (never per iteration, never a history entry). One
 * element per key: a second element with the same key reports it and leaves the URL alone.
 */
export class UrlStateController implements ReactiveController {
  private key?: string;
  private timer?: ReturnType<typeof setTimeout>;
  /** the text last read from or written to the hash, so our own writes are not loaded back */
  private lastText?: string;
  /** the config object the hash was last written for (the client replaces it on a change) */
  private lastConfig?: object;
  private loading = false;
  private off?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: UrlStateOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.off ??= this.options.trainer.on((event) => {
      if (event.type === 'frame' || event.type === 'run') this.changed();
    });
  }

  hostUpdate(): void {
    // `url-state` and `id` may be set or removed at any time; connect or let go accordingly
    // (before the host renders, so a report set here shows in this update).
    const want = this.host.isConnected && this.options.enabled() ? this.host.id || DEFAULT_URL_STATE_KEY : undefined;
    if (want === this.key) return;
    this.release();
    if (want !== undefined) this.claim(want);
  }

  hostDisconnected(): void {
    this.release();
  }

  private claim(key: string): void {
    const holder = claimed.get(key);
    if (holder && holder !== this.host) {
      this.options.report(
        `url-state: another element already keeps its state under "${key}" in the URL; give each element with url-state its own id`,
      );
      return;
    }
    claimed.set(key, this.host);
    this.key = key;
    window.addEventListener('hashchange', this.onHashChange);
    this.readHash();
  }

  private release(): void {
    if (this.key === undefined) return;
    if (claimed.get(this.key) === this.host) claimed.delete(this.key);
    this.key = undefined;
    window.removeEventListener('hashchange', this.onHashChange);
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly onHashChange = (): void => this.readHash();

  /** Loads our entry of the hash if it is new (not what we wrote). */
  private readHash(): void {
    const key = this.key;
    if (key === undefined) return;
    const text = entries(location.hash).find(([k]) => k === key)?.[1];
    if (text == null || text === this.lastText) return;
    this.lastText = text;
    this.loading = true;
    this.options
      .load(text)
      .catch((err: unknown) => {
        this.options.report(`The state in the URL was not loaded: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => {
        this.loading = false;
        // What was loaded is what the URL says: no write until the next change.
        this.lastConfig = this.options.trainer.snapshot.config;
      });
  }

  /** After a frame or a new run: a new config object means a change worth writing, soon. */
  private changed(): void {
    if (this.key === undefined || this.loading) return;
    const config = this.options.trainer.snapshot.config;
    if (config === this.lastConfig) return;
    this.lastConfig = config;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.write(), URL_STATE_DELAY_MS);
  }

  private write(): void {
    this.timer = undefined;
    const key = this.key;
    if (key === undefined || this.loading) return;
    let text: string;
    try {
      text = this.options.share();
    } catch {
      return; // nothing shareable yet
    }
    if (text === this.lastText) return;
    this.lastText = text;
    const list = entries(location.hash);
    const at = list.findIndex(([k]) => k === key);
    if (at < 0) list.push([key, text]);
    else list[at] = [key, text];
    const hash = list.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join('&');
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${hash}`);
  }
}

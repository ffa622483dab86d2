// The status line a canvas view shows for its mode (canvas-view-options.ts), in words.
import type { ViewMode } from './canvas-view-options';
import { WebglUnavailableError } from '../gl/create-regl';

/** The notice a view shows when it draws without WebGL, by the reason of the failure. */
export function fallbackNotice(failure: unknown, what: string): string {
  if (failure instanceof WebglUnavailableError && failure.reason === 'csp') {
    return `WebGL blocked by the page's Content-Security-Policy (needs 'unsafe-eval'): showing a CPU-drawn ${what}`;
  }
  if (failure instanceof WebglUnavailableError && failure.reason === 'lost') {
    return `Graphics context lost and not restored: showing a CPU-drawn ${what}`;
  }
  return `WebGL unavailable: showing a CPU-drawn ${what}`;
}

/**
 * A view's status line for its mode: why it draws on the CPU, that it waits for a lost context,
 * or that it cannot draw at all; empty while it draws with WebGL or is off-screen (parked).
 */
export function viewNotice(mode: ViewMode, failure: unknown, what: string, connected: boolean): string {
  if (mode === 'fallback') return fallbackNotice(failure, what);
  if (mode === 'lost') return `Graphics context lost: the ${what} is redrawn when it is restored`;
  if (mode === 'none' && connected) return 'WebGL unavailable';
  return '';
}

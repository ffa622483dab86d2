import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { visuallyHiddenStyles } from './shared.styles';
import { cssomStyle } from './cssom-style';
import { internalEvent, type PointEdit, type PointEditorRequest } from '../events';
import type { DatasetMessage } from '../protocol/trainer-api';
import { boxFromPlane, clampToPlane, planeFromBox } from '../render/map/map-plane';
import { MAP_SIZES } from '../render/map/map-renderer';
import { formatPoint } from '../controllers/point-editing';

/** What the decision map gives its point editor. */
export interface MapEditingHost extends ReactiveControllerHost, HTMLElement {
  readonly data: DatasetMessage | null;
  /** pointer and keyboard edits are on */
  readonly editable: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** Cursor steps in plane units: arrow keys, and with Shift. */
const STEP = 0.1;
const BIG_STEP = 0.5;
/** How far from a marker's centre a pointer still takes it (CSS px): mouse and pen, touch. */
const HIT_PX = { fine: MAP_SIZES.markerRadius + 4, touch: MAP_SIZES.markerRadius + 12 };
/** A press that moves less than this (CSS px) is a click or a long press, not a drag. */
const DRAG_PX = { fine: 4, touch: 10 };
/** A touch or pen press held this long without moving deletes the point under it. */
export const LONG_PRESS_MS = 500;

const HELP =
  'Click or tap to add a point of the selected class, drag a point to move it, right-click or long-press a point to delete it. ' +
  'Keys: arrows move the cursor (Shift: bigger steps), Alt with an arrow jumps to the nearest point that way, ' +
  'Enter adds a point, Space picks up the point under the cursor and drops it again (Escape puts it back), ' +
  'Delete removes it, Ctrl+Z undoes and Ctrl+Shift+Z or Ctrl+Y redoes.';

interface Press {
  pointerId: number;
  touch: boolean;
  /** the point under the press, or −1 */
  index: number;
  startX: number;
  startY: number;
  moved: boolean;
  /** a long press or a context menu already deleted: nothing more from this press */
  done: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** A point shown somewhere else than in `base` while it is dragged or carried. */
interface Preview {
  base: DatasetMessage;
  index: number;
  x: number;
  y: number;
  shown: DatasetMessage | null;
}

/**
 * The decision map's hand editing (issue 11), as requests: a click or tap adds a point of the
 * selected class, a drag moves one, a right-click or long press deletes one, and the keyboard
 * does the same on a focusable overlay with a cursor (see HELP). Each edit goes up as
 * `bp-point-edit` (plane coordinates through the map's own mapping, src/render/map/map-plane.ts);
 * the lab's PointEditingController changes the data. While a point is dragged or carried the
 * map draws it at its new place (`shownData`) until the new data arrive. Hover is not here.
 */
export class MapPointEditor implements ReactiveController {
  /** the keyboard cursor, in plane coordinates */
  cursor = { x: 0, y: 0 };
  /** the point carried by the keyboard (Space), or null */
  private carried: number | null = null;
  private press: Press | null = null;
  private preview: Preview | null = null;
  private plot: HTMLElement | null = null;

  constructor(
    private readonly host: MapEditingHost,
    /** asks the map for a frame (the preview moved) */
    private readonly redraw: () => void,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    // new data (the edit arrived, or others): the preview and a carried point end
    if (this.preview && this.preview.base !== this.host.data) this.preview = null;
    if (this.carried !== null && (!this.host.editable || !this.host.data || this.carried >= this.host.data.samples)) {
      this.carried = null;
    }
  }

  hostUpdated(): void {
    const plot = this.host.renderRoot.querySelector<HTMLElement>('.plot');
    if (plot === this.plot) return;
    this.unbind();
    this.plot = plot;
    plot?.addEventListener('pointerdown', this.onPointerDown);
    plot?.addEventListener('pointermove', this.onPointerMove);
    plot?.addEventListener('pointerup', this.onPointerUp);
    plot?.addEventListener('pointercancel', this.onPointerCancel);
    plot?.addEventListener('contextmenu', this.onContextMenu);
  }

  hostDisconnected(): void {
    this.endPress();
    this.unbind();
  }

  /** The data to draw: the host's, or a copy with the dragged or carried point moved. */
  shownData(data: DatasetMessage | null): DatasetMessage | null {
    const preview = this.preview;
    if (!preview || preview.base !== data || !data) return data;
    if (!preview.shown) {
      const X = data.X.slice();
      X[preview.index * data.inputs] = preview.x;
      X[preview.index * data.inputs + 1] = preview.y;
      preview.shown = { ...data, X };
    }
    return preview.shown;
  }

  /** The focusable overlay with the cursor (placed inside the map's `.plot`). */
  render(): TemplateResult | typeof nothing {
    if (!this.host.editable) return nothing;
    const { u, v } = boxFromPlane(this.cursor.x, this.cursor.y);
    return html`<div
        class="editor"
        part="editor"
        tabindex="0"
        role="application"
        aria-roledescription="point editor"
        aria-label="Edit the data points"
        aria-describedby="editor-help"
        @keydown=${this.onKeyDown}
      >
        <span
          class="cursor ${this.carried === null ? '' : 'carrying'}"
          ${cssomStyle({ left: `${u * 100}%`, top: `${v * 100}%` })}
        ></span>
      </div>
      <span id="editor-help" class="visually-hidden">${HELP}</span>`;
  }

  // ── keyboard ─────────────────────────────────────────────────────────────────────────────

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.ctrlKey || event.metaKey) return; // undo and redo: the lab's
    const arrow = ARROWS[event.key];
    if (arrow && event.altKey) this.jump(arrow);
    else if (arrow && !event.altKey) {
      const step = event.shiftKey ? BIG_STEP : STEP;
      // steps land on the grid of `step` so positions read as round numbers
      this.moveCursor(snap(this.cursor.x + arrow[0] * step, step), snap(this.cursor.y + arrow[1] * step, step));
    } else if (event.key === 'Enter') {
      if (this.carried !== null) this.drop();
      else this.edit({ op: 'add', x: this.cursor.x, y: this.cursor.y });
    } else if (event.key === ' ') {
      if (this.carried !== null) this.drop();
      else this.pickUp();
    } else if (event.key === 'Escape' && this.carried !== null) {
      this.carried = null;
      this.preview = null;
      this.redraw();
      this.say('Put back.');
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      const index = this.carried ?? this.hitAtCursor();
      this.carried = null;
      if (index < 0) this.say(`No point under the cursor at ${formatPoint(this.cursor.x, this.cursor.y)}.`);
      else this.edit({ op: 'delete', index });
    } else return;
    event.preventDefault();
    // the plot around the editor steps between samples on the same keys (linked hover): not here
    event.stopPropagation();
    this.host.requestUpdate();
  };

  private moveCursor(x: number, y: number): void {
    this.cursor = { x: clampToPlane(x), y: clampToPlane(y) };
    if (this.carried !== null) this.setPreview(this.carried, this.cursor.x, this.cursor.y);
    const at = formatPoint(this.cursor.x, this.cursor.y);
    const index = this.carried === null ? this.hitAtCursor() : -1;
    const on = index >= 0 ? `, on a class ${this.host.data!.t[index]} point` : '';
    this.say(this.carried === null ? `Cursor at ${at}${on}` : `Carrying the point to ${at}`);
  }

  /** To the nearest point in the arrow's direction (within 45° of it, else any ahead). */
  private jump([dx, dy]: readonly [number, number]): void {
    const data = this.host.data;
    let best = -1;
    let bestScore = Infinity;
    for (let i = 0; data && i < data.samples; i++) {
      const ox = data.X[i * data.inputs] - this.cursor.x;
      const oy = data.X[i * data.inputs + 1] - this.cursor.y;
      const along = ox * dx + oy * dy;
      if (along <= 1e-9 || i === this.carried) continue;
      const across = Math.abs(ox * dy - oy * dx);
      const score = Math.hypot(ox, oy) + (across > along ? 1e3 : 0);
      if (score < bestScore) [best, bestScore] = [i, score];
    }
    if (best < 0 || !data) return this.say('No point that way.');
    this.cursor = { x: data.X[best * data.inputs], y: data.X[best * data.inputs + 1] };
    this.say(`On a class ${data.t[best]} point at ${formatPoint(this.cursor.x, this.cursor.y)}`);
  }

  private pickUp(): void {
    const index = this.hitAtCursor();
    const data = this.host.data;
    if (index < 0 || !data)
      return this.say(`No point under the cursor at ${formatPoint(this.cursor.x, this.cursor.y)}.`);
    this.carried = index;
    this.cursor = { x: data.X[index * data.inputs], y: data.X[index * data.inputs + 1] };
    this.say(
      `Picked up a class ${data.t[index]} point at ${formatPoint(this.cursor.x, this.cursor.y)}: arrows move it, Space or Enter drops it, Escape puts it back.`,
    );
  }

  private drop(): void {
    const index = this.carried!;
    this.carried = null;
    this.edit({ op: 'move', index, x: this.cursor.x, y: this.cursor.y });
  }

  /** The point nearest the cursor within a marker's reach, or −1. */
  private hitAtCursor(): number {
    const rect = this.plot?.getBoundingClientRect();
    if (!rect) return -1;
    const { u, v } = boxFromPlane(this.cursor.x, this.cursor.y);
    return this.hit(u * rect.width, v * rect.height, rect, HIT_PX.fine);
  }

  // ── pointer ──────────────────────────────────────────────────────────────────────────────

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (!this.host.editable || !event.isPrimary || event.button !== 0 || !this.plot) return;
    this.endPress();
    const touch = event.pointerType === 'touch';
    const rect = this.plot.getBoundingClientRect();
    const index = this.hit(
      event.clientX - rect.left,
      event.clientY - rect.top,
      rect,
      touch ? HIT_PX.touch : HIT_PX.fine,
    );
    const press: Press = {
      pointerId: event.pointerId,
      touch,
      index,
      startX: event.clientX,
      startY: event.clientY,
      moved: false,
      done: false,
      timer: undefined,
    };
    if (event.pointerType !== 'mouse' && index >= 0) {
      press.timer = setTimeout(() => this.longPress(press), LONG_PRESS_MS);
    }
    this.press = press;
    this.plot.setPointerCapture(event.pointerId);
    // the keyboard cursor follows the pointer, so keys go on from where it was used
    this.cursor = this.planeAt(event.clientX, event.clientY, rect);
    this.host.renderRoot.querySelector<HTMLElement>('.editor')?.focus({ preventScroll: true });
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    const press = this.press;
    if (!press || event.pointerId !== press.pointerId || press.done || !this.plot) return;
    const limit = press.touch ? DRAG_PX.touch : DRAG_PX.fine;
    if (!press.moved && Math.hypot(event.clientX - press.startX, event.clientY - press.startY) < limit) return;
    press.moved = true;
    clearTimeout(press.timer);
    if (press.index < 0) return;
    const { x, y } = this.planeAt(event.clientX, event.clientY, this.plot.getBoundingClientRect());
    this.setPreview(press.index, x, y);
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    const press = this.press;
    if (!press || event.pointerId !== press.pointerId || !this.plot) return;
    this.endPress();
    if (press.done) return;
    const { x, y } = this.planeAt(event.clientX, event.clientY, this.plot.getBoundingClientRect());
    if (!press.moved)
      this.edit({ op: 'add', ...this.planeAt(press.startX, press.startY, this.plot.getBoundingClientRect()) });
    else if (press.index >= 0) this.edit({ op: 'move', index: press.index, x, y });
    this.cursor = { x, y };
    this.host.requestUpdate();
  };

  private readonly onPointerCancel = (event: PointerEvent): void => {
    if (this.press?.pointerId !== event.pointerId) return;
    const dragged = this.press.moved && this.press.index >= 0;
    this.endPress();
    if (dragged) {
      this.preview = null;
      this.redraw();
    }
  };

  private readonly onContextMenu = (event: MouseEvent): void => {
    if (!this.host.editable || !this.plot) return;
    if (this.press?.done) {
      event.preventDefault(); // the long press already deleted
      return;
    }
    const rect = this.plot.getBoundingClientRect();
    const index = this.hit(event.clientX - rect.left, event.clientY - rect.top, rect, HIT_PX.touch);
    if (index < 0) return; // the browser's menu (save the image…) away from the points
    event.preventDefault();
    if (this.press) this.press.done = true;
    this.edit({ op: 'delete', index });
  };

  private longPress(press: Press): void {
    if (this.press !== press || press.moved || press.done) return;
    press.done = true;
    this.edit({ op: 'delete', index: press.index });
  }

  private endPress(): void {
    if (!this.press) return;
    clearTimeout(this.press.timer);
    if (this.plot?.hasPointerCapture(this.press.pointerId)) this.plot.releasePointerCapture(this.press.pointerId);
    this.press = null;
  }

  // ── shared ───────────────────────────────────────────────────────────────────────────────

  /** The plane point under client position (cx, cy), clamped to the map. */
  private planeAt(cx: number, cy: number, rect: DOMRect): { x: number; y: number } {
    const { x, y } = planeFromBox((cx - rect.left) / rect.width, (cy - rect.top) / rect.height);
    return { x: clampToPlane(x), y: clampToPlane(y) };
  }

  /** The point whose marker centre is nearest (px, py) in the box (CSS px), within `reach`; or −1. */
  private hit(px: number, py: number, rect: DOMRect, reach: number): number {
    const data = this.host.data;
    let best = -1;
    let bestDistance = reach;
    for (let i = 0; data && i < data.samples; i++) {
      const { u, v } = boxFromPlane(data.X[i * data.inputs], data.X[i * data.inputs + 1]);
      const distance = Math.hypot(u * rect.width - px, v * rect.height - py);
      if (distance <= bestDistance) [best, bestDistance] = [i, distance];
    }
    return best;
  }

  private setPreview(index: number, x: number, y: number): void {
    const base = this.host.data;
    if (!base) return;
    this.preview = { base, index, x, y, shown: null };
    this.redraw();
  }

  private edit(detail: PointEdit): void {
    this.host.dispatchEvent(internalEvent('bp-point-edit', detail));
  }

  private say(message: string): void {
    const detail: PointEditorRequest = { request: 'say', message };
    this.host.dispatchEvent(internalEvent('bp-point-request', detail));
  }

  private unbind(): void {
    const plot = this.plot;
    if (!plot) return;
    plot.removeEventListener('pointerdown', this.onPointerDown);
    plot.removeEventListener('pointermove', this.onPointerMove);
    plot.removeEventListener('pointerup', this.onPointerUp);
    plot.removeEventListener('pointercancel', this.onPointerCancel);
    plot.removeEventListener('contextmenu', this.onContextMenu);
    this.plot = null;
  }
}

const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
};

/** `value` on the grid of `step` (the nearest multiple, without float dust). */
function snap(value: number, step: number): number {
  return Number((Math.round(value / step) * step).toFixed(6));
}

/** The editor's overlay: over the whole plot, letting pointers through to the map. */
export const pointEditorStyles = css`
  /* a drag moves a point, not the page */
  :host([editable]) .plot {
    touch-action: none;
    cursor: crosshair;
  }
  .editor {
    position: absolute;
    inset: 0;
    pointer-events: none;
  }
  .editor:focus-visible {
    outline: 2px solid var(--bp-accent-color, #0860c6);
    outline-offset: 2px;
  }
  .cursor {
    position: absolute;
    width: 22px;
    height: 22px;
    margin: -11px 0 0 -11px;
    border: 2px solid var(--bp-accent-color, #0860c6);
    border-radius: 50%;
    box-shadow: 0 0 0 1px var(--bp-background, #fff);
    display: none;
  }
  .editor:focus-visible .cursor {
    display: block;
  }
  .cursor.carrying {
    border-style: dashed;
  }
  ${visuallyHiddenStyles}
`;

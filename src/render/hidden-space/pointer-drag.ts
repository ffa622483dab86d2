// One pointer's drag across a view: which pointer, and how far it moved since the last event.
// The element turns the moves into camera changes (dragOrbit); this only tracks the pointer.

export class PointerDrag {
  private drag: { id: number; x: number; y: number } | null = null;

  get active(): boolean {
    return this.drag !== null;
  }

  /** Starts a drag (primary mouse button, pen or touch) unless one is on; true if it started. */
  start(event: PointerEvent): boolean {
    if (this.drag || (event.pointerType === 'mouse' && event.button !== 0)) return false;
    this.drag = { id: event.pointerId, x: event.clientX, y: event.clientY };
    try {
      (event.currentTarget as Element | null)?.setPointerCapture(event.pointerId);
    } catch {
      // synthetic events have no capturable pointer; moves still arrive while over the view
    }
    return true;
  }

  /** CSS pixels moved since the last event of the dragging pointer; null for other pointers. */
  move(event: PointerEvent): [dx: number, dy: number] | null {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.id) return null;
    const delta: [number, number] = [event.clientX - drag.x, event.clientY - drag.y];
    drag.x = event.clientX;
    drag.y = event.clientY;
    return delta;
  }

  /** Ends the drag if `event` is its pointer's (or, without an event, in any case); true if it did. */
  end(event?: PointerEvent): boolean {
    if (!this.drag || (event && event.pointerId !== this.drag.id)) return false;
    this.drag = null;
    return true;
  }
}

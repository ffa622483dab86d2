// Which state changes the page's own configure made. The worker numbers its batches; a
// configure's answer names the batch that carries its effect (RunInfo.sequence), and a state
// change that arrives in that batch is the configure's. The batch and the answer travel on
// different ports (the listener's channel, the worker's own), so either may arrive first. A
// state change that a configure still in flight could own is held until every such configure
// has answered (or failed), then delivered in arrival order: the result never depends on which
// message won. A configure can only own batches the page had not yet received when it was sent.

/** One configure awaiting its answer. */
export interface PendingConfigure {
  /** the last batch the page had received when the configure was sent */
  readonly after: number;
}

interface HeldChange {
  sequence: number;
  fromConfigure: boolean;
  deliver: (fromConfigure: boolean) => void;
}

export class ConfigureTags {
  private readonly inFlight = new Set<PendingConfigure>();
  /** batch numbers that answers named and whose batch has not arrived yet */
  private readonly claimed = new Set<number>();
  private held: HeldChange[] = [];
  /** the last batch received */
  private last = 0;

  /** A configure is being sent now. */
  begin(): PendingConfigure {
    const pending = { after: this.last };
    this.inFlight.add(pending);
    return pending;
  }

  /** The configure answered, naming the batch of its effect; or failed (no sequence). */
  settle(pending: PendingConfigure, sequence?: number): void {
    if (!this.inFlight.delete(pending)) return;
    if (sequence !== undefined) {
      if (sequence > this.last) this.claimed.add(sequence);
      for (const change of this.held) if (change.sequence === sequence) change.fromConfigure = true;
    }
    this.release();
  }

  /** Batch `sequence` arrived (before its state change, if any, is reported). */
  received(sequence: number): void {
    this.last = sequence;
    for (const claim of this.claimed) if (claim < sequence) this.claimed.delete(claim);
  }

  /** Batch `sequence` changed the state: `deliver` is called now or once the owner is known. */
  stateChanged(sequence: number, deliver: (fromConfigure: boolean) => void): void {
    const fromConfigure = this.claimed.delete(sequence);
    this.held.push({ sequence, fromConfigure, deliver });
    this.release();
  }

  /** A new worker numbers from 1 again: what is held is delivered as it stands, the rest forgotten. */
  reset(): void {
    this.inFlight.clear();
    this.release();
    this.claimed.clear();
    this.last = 0;
  }

  /** Delivers held changes in order while no configure in flight could still own the first. */
  private release(): void {
    while (this.held.length > 0) {
      const head = this.held[0];
      if (!head.fromConfigure && this.couldOwn(head.sequence)) return;
      this.held.shift();
      head.deliver(head.fromConfigure);
    }
  }

  private couldOwn(sequence: number): boolean {
    for (const pending of this.inFlight) if (pending.after < sequence) return true;
    return false;
  }
}

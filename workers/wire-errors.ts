// How the worker's errors cross to the page. Comlink sends a thrown Error as its name, message
// and stack only; a ConfigError also sends its field, value and allowed range (the contract's
// ConfigRejection), so the page can rebuild the ConfigError without parsing the message. The
// value arrived in a message, so it can be cloned back. Only this worker's realm is affected.
import { transferHandlers } from 'comlink';
import { ConfigError } from '../src/protocol/config-schema';
import type { ConfigRejection } from '../src/protocol/trainer-api';

/** Comlink's form of a thrown value on the wire (comlink.ts, throwTransferHandler). */
interface SerializedThrow {
  isError: true;
  value: ConfigRejection & { stack?: string };
}

/** Replaces Comlink's `throw` handler with one that also carries a ConfigError's fields. */
export function sendConfigErrorFields(): void {
  const builtIn = transferHandlers.get('throw');
  if (!builtIn) throw new Error('Comlink has no "throw" transfer handler to extend');
  transferHandlers.set('throw', {
    canHandle: builtIn.canHandle,
    serialize(thrown: unknown): [unknown, Transferable[]] {
      const error = (thrown as { value: unknown }).value;
      if (!(error instanceof ConfigError)) return builtIn.serialize(thrown);
      const { message, stack, field, value, allowed } = error;
      const serialized: SerializedThrow = {
        isError: true,
        value: { name: 'ConfigError', message, stack, field, value, allowed },
      };
      return [serialized, []];
    },
    deserialize: builtIn.deserialize,
  });
}

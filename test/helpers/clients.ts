// Worker clients for browser tests: each test's clients are disposed of (and their workers
// terminated) after it, pass or fail.
import { afterEach } from 'vitest';
import { TrainerClient, type TrainerClientOptions } from '../../src/client/trainer-client';

const clients: TrainerClient[] = [];
afterEach(() => {
  while (clients.length) clients.pop()!.dispose();
});

/** A TrainerClient with its own worker, disposed of after the current test. */
export function makeClient(options?: TrainerClientOptions): TrainerClient {
  const client = new TrainerClient(options);
  clients.push(client);
  return client;
}

/// <reference lib="webworker" />
// The training worker: the TrainerApi of src/protocol, implemented with the numeric core and
// exposed through Comlink. Everything else lives in trainer-service.ts.
import { expose } from 'comlink';
import type { TrainerApi } from '../src/protocol/trainer-api';
import { TrainerService } from './trainer-service';

const api = new TrainerService() satisfies TrainerApi;
expose(api);

/// <reference lib="webworker" />
// The training worker: the TrainerApi of src/protocol, implemented with the numeric core and
// exposed through Comlink. The commands live in trainer-service.ts.
import { expose } from 'comlink';
import type { TrainerApi } from '../src/protocol/trainer-api';
import { warmUpWebgl } from './gl-warm-up';
import { TrainerService } from './trainer-service';
import { warmUpKernel } from './warm-up';
import { sendConfigErrorFields } from './wire-errors';

sendConfigErrorFields();
warmUpWebgl();
warmUpKernel();
const api = new TrainerService() satisfies TrainerApi;
expose(api);

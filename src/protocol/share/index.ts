// Sharing a run: the state codec (a run as a short URL-safe text) and the exports (costs,
// parameters and settings as files, the element as markup).
export {
  DATA_KEY,
  MAX_STATE_CHARS,
  PARAMS_KEY,
  STATE_VERSION,
  ShareStateError,
  decodeState,
  encodeState,
} from './state-codec';
export type { SharedParams, SharedState } from './state-codec';
export { checkFormat, configJson, costsCsv, embedCode, escapeAttribute, paramsJson } from './exports';
export type { CostsFormat, EmbedInput, JsonFormat } from './exports';

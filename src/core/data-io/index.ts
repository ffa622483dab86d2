// Data in and out: parsing imported text, checking a `data` value, and exporting, with every
// input treated as hostile (limits, linear time, short escaped excerpts in messages).
export { DATA_LIMITS, CSV_COLUMNS, ClassCountError, requiredClasses, classRaiseNotice, excerpt } from './limits';
export type { WorkMeter, DataColumn } from './limits';
export { parseDataCsv, isDecimal } from './csv';
export type { ParseOptions } from './csv';
export { parseDataJson } from './json';
export { validateData, toDataValue } from './validate';
export type { DataValue, ValidateOptions } from './validate';
export { exportDataCsv, exportDataJson } from './export';

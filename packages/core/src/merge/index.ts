export { merge, append, mergeByKey, isPlainObject } from "./merge.js";
export type { DeepPartial, DeepPartialObject } from "./merge.js";
export { ListOp } from "./list-ops.js";

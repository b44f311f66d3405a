export { merge, append, mergeByKey, isPlainObject } from "./merge.js";
export type { DeepPartial } from "./merge.js";
export { ListOp } from "./list-ops.js";

export { emitYaml, emitYamlReference, header, generatedMarker, recordEmitted } from "./yaml.js";
export type { EmitOptions, EmittedDocument } from "./yaml.js";
export { orderDocument, toPlain } from "./order.js";
export { emitDocument, emptyStats } from "./fast.js";
export type { EmitStats } from "./fast.js";

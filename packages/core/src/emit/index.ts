export { emitYaml, header, generatedMarker } from "./yaml.js";
export type { EmitOptions } from "./yaml.js";
export { orderDocument, toPlain } from "./order.js";

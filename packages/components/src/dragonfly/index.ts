export { chart, dragonflyOperator, type DragonflyOperatorProps, type DragonflyOperatorStage } from "./operator.js";
export {
  adminPort,
  defaultImage,
  dragonfly,
  redisPort,
  type DragonflyComponent,
  type DragonflyEndpoint,
  type DragonflyMemory,
  type DragonflyProps,
  type DragonflyResource,
  type DragonflySpec,
  type MetricsScraper,
} from "./instance.js";
export type { DragonflyOperatorValues } from "./values.js";
export * from "./flows.js";

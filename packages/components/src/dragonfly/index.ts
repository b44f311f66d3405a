export { chart, dragonflyOperator, type DragonflyOperatorProps, type DragonflyOperatorStage } from "./operator.js";
export {
  adminPort,
  defaultImage,
  dragonfly,
  dragonflyStage,
  redisPort,
  type DragonflyComponent,
  type DragonflyEndpoint,
  type DragonflyMemory,
  type DragonflyProps,
  type DragonflyResource,
  type DragonflyStage,
  type DragonflySpec,
  type MetricsScraper,
} from "./instance.js";
export type { DragonflyOperatorValues } from "./values.js";
export { dragonflyGroup, dragonflyPanels } from "./alerts.js";
export * from "./flows.js";

import type { ChartValues } from "../charts/index.js";
/** The values of the pinned gha-runner-scale-set-controller chart, generated from its archive (values.yaml, schema, templates). */
export type ControllerValues = ChartValues["gha-runner-scale-set-controller"];

/** The controller's ServiceAccount; every runner scale set names it (`controllerServiceAccount`). */
export const controllerServiceAccount = "actions-runner-controller";

export const defaultControllerValues: ControllerValues = {
  fullnameOverride: "actions-runner-controller",
  // One replica: the controller uses leader election, and runners keep working while it restarts.
  replicaCount: 1,
  // Named explicitly so the scale sets' controllerServiceAccount cannot drift from the chart's naming.
  serviceAccount: { create: true, name: controllerServiceAccount },
};

export interface RunnerContainer {
  name: string;
  image: string;
  command: string[];
  env: { name: string; value: string }[];
  [key: string]: unknown;
}

/** The values of the pinned gha-runner-scale-set chart, generated from its archive (values.yaml, schema, templates). */
export type ScaleSetValues = ChartValues["gha-runner-scale-set"];

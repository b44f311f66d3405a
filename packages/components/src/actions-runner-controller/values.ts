/**
 * The gha-runner-scale-set-controller chart values this project sets. Neither ARC chart has a
 * values.schema.json under ../shared/schemas/helm, so values are not schema-checked offline.
 */
export interface ControllerValues {
  fullnameOverride: string;
  replicaCount: number;
  serviceAccount: { create: boolean; name: string; [key: string]: unknown };
  [key: string]: unknown;
}

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

/** The gha-runner-scale-set chart values this project sets. */
export interface ScaleSetValues {
  githubConfigUrl: string;
  /** Name of the Secret with `github_app_id`, `github_app_installation_id`, `github_app_private_key`. */
  githubConfigSecret: string;
  minRunners: number;
  maxRunners: number;
  containerMode: {
    type: "kubernetes";
    kubernetesModeWorkVolumeClaim: {
      accessModes: string[];
      storageClassName: string;
      resources: { requests: { storage: string } };
    };
    [key: string]: unknown;
  };
  controllerServiceAccount: { name: string; namespace: string };
  template: { spec: { containers: RunnerContainer[]; [key: string]: unknown }; [key: string]: unknown };
  [key: string]: unknown;
}

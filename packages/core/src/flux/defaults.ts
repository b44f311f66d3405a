/** Flux timing defaults, stated once. Kustomizations reconcile every 10 minutes. */
export const fluxDefaults = {
  kustomizationInterval: "10m",
  retryInterval: "2m",
  timeout: "5m",
  helmReleaseInterval: "30m",
  sourceInterval: "15m",
  repositoryInterval: "12h",
  gitRepository: { kind: "GitRepository", name: "flux-system", namespace: "flux-system" },
  sopsSecret: "sops-age",
} as const;

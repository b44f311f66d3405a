/** Valid objects as the generator emits them; tests derive invalid variants from these. */

export const helmRelease = {
  apiVersion: "helm.toolkit.fluxcd.io/v2",
  kind: "HelmRelease",
  metadata: { name: "cilium", namespace: "kube-system" },
  spec: {
    interval: "30m",
    chart: {
      spec: {
        chart: "cilium",
        version: "1.20.0",
        sourceRef: { kind: "HelmRepository", name: "cilium", namespace: "flux-system" },
      },
    },
    install: { crds: "CreateReplace", remediation: { retries: 3 } },
    upgrade: { crds: "CreateReplace", cleanupOnFail: true },
    values: { kubeProxyReplacement: true, ipam: { mode: "kubernetes" } },
  },
};

export const kustomization = {
  apiVersion: "kustomize.toolkit.fluxcd.io/v1",
  kind: "Kustomization",
  metadata: { name: "cert-manager", namespace: "flux-system" },
  spec: {
    interval: "1h",
    path: "./kubernetes/apps/cert-manager/app",
    prune: true,
    wait: true,
    timeout: "5m",
    sourceRef: { kind: "GitRepository", name: "flux-system" },
    targetNamespace: "cert-manager",
    dependsOn: [{ name: "cilium" }],
    postBuild: { substitute: { CLUSTER: "infra" } },
  },
};

export const ociRepository = {
  apiVersion: "source.toolkit.fluxcd.io/v1",
  kind: "OCIRepository",
  metadata: { name: "cert-manager", namespace: "flux-system" },
  spec: {
    interval: "12h",
    url: "oci://quay.io/jetstack/charts/cert-manager",
    ref: { tag: "v1.21.1" },
    layerSelector: { mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip", operation: "copy" },
  },
};

export const namespace = {
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name: "cert-manager", labels: { "pod-security.kubernetes.io/enforce": "restricted" } },
};

export const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "echo", namespace: "default", labels: { app: "echo" } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "echo" } },
    template: {
      metadata: { labels: { app: "echo" } },
      spec: {
        containers: [
          {
            name: "echo",
            image: "ghcr.io/example/echo:1.0.0",
            imagePullPolicy: "IfNotPresent",
            ports: [{ containerPort: 8080, name: "http" }],
            resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "64Mi" } },
          },
        ],
      },
    },
  },
};

export const loadBalancerPool = {
  apiVersion: "cilium.io/v2",
  kind: "CiliumLoadBalancerIPPool",
  metadata: { name: "infra-pool" },
  spec: { blocks: [{ start: "10.25.11.200", stop: "10.25.11.220" }] },
};

/**
 * The container image tags this project pins itself (not the ones a chart brings), each checked
 * against its upstream: the tag must exist there. `verified-image-tags.test.ts` fails when the
 * generated tree pins an image tag that is not listed here, or when an entry is no longer used,
 * so a bump means a new look upstream. Checked 2026-12-07 against the snapshots named in `source`.
 */
export interface VerifiedImageTag {
  /** `registry/repository:tag` exactly as pinned. */
  readonly image: string;
  /** Where the tag was seen to exist: repository, tag or file, and the snapshot's date. */
  readonly source: string;
}

export const verifiedImageTags: readonly VerifiedImageTag[] = [
  {
    image: "ghcr.io/dragonflydb/dragonfly:v1.40.1",
    source: "git tag v1.40.1 of dragonflydb/dragonfly, the newest release in the snapshot of 2026-08-22 (no v2.x tag exists)",
  },
  {
    image: "ghcr.io/actions/actions-runner:2.336.0",
    source: "git tag v2.336.0 of actions/runner, the newest release in the snapshot of 2026-08-17 (no v2.337.0 tag); the image is published per release tag",
  },
  {
    image: "ghcr.io/cloudnative-pg/postgresql:18.4-standard-trixie",
    source:
      "cloudnative-pg/postgres-containers: docker-bake.hcl built PostgreSQL 18.4 (commit 9d02ac9c, 2026-05-15, until 77faebd8 moved to 18.6) as <version>-standard-<distro> with trixie among the distributions",
  },
  {
    image: "quay.io/ceph/ceph:v20.2.4",
    source:
      "ceph/ceph's repository is too large for the snapshot store; a public Makefile pins quay.io/ceph/ceph:v20.2.4@sha256:6bb1c8a42fbc0bf87938946990b65174466997bc11c31eb5a323225a779fd8f9 (Rook v1.20.6's examples use v20.2.2)",
  },
  {
    image: "factory.talos.dev/metal-installer/4b3cd373a192c8469e859b7a0cfbed3ecc3577c4a2d346a37b0aeff9cd17cdb0:v1.13.9",
    source:
      "git tag v1.13.9 of siderolabs/talos (commit 3ebd10a7, see ../shared/schemas/README.md); the Image Factory serves the installer of a registered schematic at every released Talos tag",
  },
  {
    image: "registry.k8s.io/external-dns/external-dns:v0.22.0",
    source:
      "git tag v0.22.0 of kubernetes-sigs/external-dns, the newest release in the snapshot of 2026-08-22; its kustomize/kustomization.yaml at that tag sets registry.k8s.io/external-dns/external-dns newTag v0.22.0",
  },
  {
    image: "ghcr.io/rclone/rclone:1.75.0",
    source:
      "git tag v1.75.0 of rclone/rclone, the newest release in the snapshot of 2026-08-21; .github/workflows/build_publish_docker_image.yml publishes ghcr.io/rclone/rclone with docker/metadata-action type=semver,pattern={{version}} (1.75.0) for every tag",
  },
  {
    image: "registry.k8s.io/kubectl:v1.35.4",
    source:
      "the clusters' Kubernetes release v1.35.4 (the inventories' kubernetesVersion); a public Dockerfile pins registry.k8s.io/kubectl:v1.35.4@sha256:e8bc9c71a813d90d5f7689fa57516b2aacd7a02bb9d70d3ab6664ed6d202fc10; kubernetes build/server-image/Dockerfile puts the binary at /usr/local/bin/kubectl",
  },
];

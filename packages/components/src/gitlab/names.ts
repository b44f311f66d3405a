/**
 * Every name the GitLab chart derives from its release name, as chart 9.x renders it
 * (checked against the chart's templates): the HTTPRoutes, the SSH Service and the tests read
 * them from here, so a rename cannot leave a route pointing at a Service that no longer exists.
 */
export const releaseName = "gitlab";

/** Services the chart creates and the Gateway routes to. */
export const chartServices = {
  /** Workhorse in front of Puma: `<release>-webservice-<deployment>`, port `service.workhorseExternalPort`. */
  webservice: { name: `${releaseName}-webservice-default`, port: 8181 },
  /** The container registry: `<release>-registry`, port `service.externalPort`. */
  registry: { name: `${releaseName}-registry`, port: 5000 },
  /** gitlab-shell (sshd): `<release>-gitlab-shell`, port `global.shell.port`. */
  shell: { name: `${releaseName}-gitlab-shell`, port: 22 },
} as const;

/** Secrets this component writes through ExternalSecrets (never a value in the repository). */
export const secretNames = {
  postgres: "gitlab-postgres",
  objectStorage: "gitlab-object-storage",
  oidcProvider: "gitlab-oidc-provider",
  railsSecrets: "gitlab-rails-secrets",
} as const;

/** Keys of the object-storage Secret: one per consumer format of the same S3 credentials. */
export const objectStorageKeys = {
  /** Fog connection for Rails (`global.appConfig.object_store.connection`). */
  connection: "connection",
  /** `storage:` block of the container registry (`registry.storage`). */
  registry: "registry",
  /** s3cmd configuration of the backup job (`gitlab.toolbox.backups.objectStorage.config`). */
  s3cmd: "s3cfg",
} as const;

/**
 * Secrets the chart's `shared-secrets` job generates on first install and keeps afterwards
 * (https://docs.gitlab.com/charts/installation/secrets). None of them is referenced by the
 * values this component sets; they are listed so reviewers (and the secret-reference test) know
 * which Secrets exist without an ExternalSecret.
 */
export const chartGeneratedSecrets: Readonly<Record<string, string>> = {
  [`${releaseName}-gitlab-initial-root-password`]: "password of the `root` user, read once with kubectl after the first install",
  [`${releaseName}-rails-secret`]: "Rails secrets (secret_key_base, db_key_base, ...), unless `railsSecretsItem` provides them",
  [`${releaseName}-gitaly-secret`]: "token between Rails, gitlab-shell and Gitaly",
  [`${releaseName}-gitlab-shell-secret`]: "token between gitlab-shell and Rails",
  [`${releaseName}-gitlab-shell-host-keys`]: "SSH host keys of gitlab-shell",
  [`${releaseName}-gitlab-workhorse-secret`]: "token between Workhorse and Rails",
  [`${releaseName}-registry-secret`]: "key pair with which Rails signs registry tokens",
  [`${releaseName}-registry-httpsecret`]: "the registry's HTTP secret",
  [`${releaseName}-registry-notification`]: "token of registry notifications to Rails",
  [`${releaseName}-gitlab-runner-secret`]: "legacy runner registration token (the runner component uses authentication tokens)",
};

/**
 * Every name the Harbor chart derives from its release name, as chart 1.19 renders it with
 * `internalTLS.enabled: false` (`harbor.fullname` is the release name when it contains "harbor").
 * The HTTPRoute, the secret-reference checks and the tests read them from here, so a rename
 * cannot leave a route pointing at a Service that no longer exists.
 */
export const releaseName = "harbor";

/** Services the chart creates and the Gateway routes to (`harbor.portal` / `harbor.core`, service port 80). */
export const chartServices = {
  portal: { name: `${releaseName}-portal`, port: 80 },
  core: { name: `${releaseName}-core`, port: 80 },
} as const;

/**
 * Path prefixes the chart's own ingress sends to core; everything else is the portal (the UI).
 * `/c/` carries the OIDC login and callback, `/service/` the registry token service, `/v2/` the
 * registry API (core proxies it to the registry after checking the token).
 */
export const corePathPrefixes = ["/api/", "/service/", "/v2/", "/chartrepo/", "/c/"] as const;

/**
 * Secrets the chart writes itself (names derived from the release name). The Secrets of this
 * component must not collide with them: two owners of one Secret would overwrite each other.
 */
export const chartSecretNames: readonly string[] = [
  `${releaseName}-core`,
  `${releaseName}-jobservice`,
  `${releaseName}-registry`,
  `${releaseName}-registry-htpasswd`,
  `${releaseName}-registryctl`,
  `${releaseName}-trivy`,
  `${releaseName}-exporter`,
  `${releaseName}-database`,
  `${releaseName}-redis`,
  `${releaseName}-nginx`,
  `${releaseName}-ingress`,
];

/** The Secrets this component writes through ExternalSecrets (never a value in the repository). */
export const secretNames = {
  adminPassword: "harbor-admin-password",
  secretKey: "harbor-encryption-key",
  core: "harbor-core-secret",
  jobservice: "harbor-jobservice-secret",
  registryHttp: "harbor-registry-http-secret",
  registryCredentials: "harbor-registry-credentials",
  database: "harbor-database-password",
  objectStorage: "harbor-s3-credentials",
  configOverwrite: "harbor-config-overwrite",
} as const;

/**
 * Keys the chart reads from those Secrets. Where the chart fixes a key (`secretKey`, `secret`,
 * `password`, the registry's `REGISTRY_*`), the name here is the chart's, not a choice.
 */
export const secretKeys = {
  adminPassword: "HARBOR_ADMIN_PASSWORD",
  secretKey: "secretKey",
  coreSecret: "secret",
  xsrfKey: "CSRF_KEY",
  jobservice: "JOBSERVICE_SECRET",
  registryHttp: "REGISTRY_HTTP_SECRET",
  registryPassword: "REGISTRY_PASSWD",
  registryHtpasswd: "REGISTRY_HTPASSWD",
  databasePassword: "password",
  s3AccessKey: "REGISTRY_STORAGE_S3_ACCESSKEY",
  s3SecretKey: "REGISTRY_STORAGE_S3_SECRETKEY",
  configOverwrite: "CONFIG_OVERWRITE_JSON",
} as const;

/**
 * Fields of the 1Password item holding Harbor's own secrets (`secretsItem`). The lengths are
 * Harbor's: `secret-key` encrypts passwords in the database (AES, exactly 16 characters); the
 * internal tokens are 16 characters, the XSRF key 32.
 */
export const internalSecretFields = {
  adminPassword: "admin-password",
  secretKey: "secret-key",
  coreSecret: "core-secret",
  xsrfKey: "xsrf-key",
  jobservice: "jobservice-secret",
  registryHttp: "registry-http-secret",
  registryPassword: "registry-password",
} as const;

/** The basic-auth user core uses against the registry (the chart's default, stated once). */
export const registryUser = "harbor_registry_user";

import { UserError, showValue } from "@k8s-gitops/core";

/**
 * Harbor's user-scope settings (the "Configuration" page), as `CONFIG_OVERWRITE_JSON` takes them:
 * https://goharbor.io/docs/main/install-config/configure-system-settings-cli/. Harbor keeps
 * them in its database; core overwrites them from that variable on every start and then shows
 * them read-only, so the repository stays the one place they are decided.
 */
export type HarborUserSettings = Readonly<Record<string, string | number | boolean>>;

export interface OidcSettingsInput {
  /** The realm's issuer (Keycloak's `issuerUrl`); Harbor appends `/.well-known/openid-configuration`. */
  readonly issuerUrl: string;
  readonly clientId: string;
  /** Claim carrying the user's groups (the Keycloak realm's group mapper). */
  readonly groupsClaim: string;
  /** Members of this group are Harbor system administrators. */
  readonly adminGroup: string;
  /** Login button label. */
  readonly name: string;
}

/** The key of the client secret in CONFIG_OVERWRITE_JSON; its value is never part of these settings. */
export const clientSecretSetting = "oidc_client_secret";

/**
 * Login through Keycloak: users are created on first login (named by `preferred_username`),
 * Harbor admins are the members of the admin group, and `offline_access` gives the refresh
 * token Harbor needs to keep CLI secrets valid. The local `admin` keeps working at
 * `/account/sign-in` for break-glass access.
 */
export function oidcUserSettings(input: OidcSettingsInput): HarborUserSettings {
  return {
    auth_mode: "oidc_auth",
    primary_auth_mode: true,
    oidc_name: input.name,
    oidc_endpoint: input.issuerUrl,
    oidc_client_id: input.clientId,
    oidc_scope: "openid,profile,email,offline_access",
    oidc_groups_claim: input.groupsClaim,
    oidc_admin_group: input.adminGroup,
    oidc_user_claim: "preferred_username",
    oidc_verify_cert: true,
    oidc_auto_onboard: true,
  };
}

// The fetched Secret key is a Go template field name in the template, hence the underscore.
export const clientSecretKey = "client_secret";

/**
 * The CONFIG_OVERWRITE_JSON document as an External Secrets template: every setting is a JSON
 * literal, and the client secret is inserted when the Secret is written (`toJson` quotes and
 * escapes it, so no character of a generated secret can break the document).
 */
export function configOverwriteTemplate(settings: HarborUserSettings): string {
  if (clientSecretSetting in settings) {
    throw new UserError(
      `harbor: userSettings must not set ${showValue(clientSecretSetting)}: the client secret comes from the OIDC client's 1Password item, never from the repository`,
    );
  }
  const templated = Object.entries(settings).filter(([, value]) => typeof value === "string" && value.includes("{{"));
  if (templated.length > 0) {
    // External Secrets renders the document as a Go template: "{{" in a value would run as code.
    throw new UserError(
      "harbor: userSettings values must not contain \"{{\" (the settings are rendered as a Go template)",
      templated.map(([key, value]) => `userSettings.${key}: ${showValue(value)}`),
    );
  }
  const entries = Object.entries(settings).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  entries.push(`  ${JSON.stringify(clientSecretSetting)}: {{ .${clientSecretKey} | toJson }}`);
  return `{\n${entries.join(",\n")}\n}\n`;
}

import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import { merge, type DeepPartial, type PlainResource } from "@k8s-gitops/core";
import type { GatewayRef } from "@k8s-gitops/core/conventions";

/** `{ name, key }` of a Secret in the Keycloak namespace. */
export interface SecretKeyRef {
  readonly name: string;
  readonly key: string;
}

/** The fields of `Keycloak.spec` (k8s.keycloak.org/v2beta1) this component sets; see the CRD for all. */
export interface KeycloakSpec {
  readonly instances: number;
  readonly db: {
    readonly vendor: "postgres";
    readonly host: string;
    readonly port: number;
    readonly database: string;
    readonly usernameSecret: SecretKeyRef;
    readonly passwordSecret: SecretKeyRef;
    readonly poolMinSize?: number;
    readonly poolMaxSize?: number;
  };
  readonly http: { readonly httpEnabled: boolean; readonly httpPort?: number };
  readonly hostname: { readonly hostname: string; readonly admin?: string; readonly strict?: boolean; readonly backchannelDynamic?: boolean };
  readonly proxy: { readonly headers: "forwarded" | "xforwarded" };
  readonly ingress: { readonly enabled: boolean };
  readonly bootstrapAdmin?: { readonly user?: { readonly secret: string } };
  readonly resources?: {
    readonly requests?: Readonly<Record<string, string>>;
    readonly limits?: Readonly<Record<string, string>>;
  };
  readonly features?: { readonly enabled?: readonly string[]; readonly disabled?: readonly string[] };
  readonly additionalOptions?: readonly { readonly name: string; readonly value?: string; readonly secret?: SecretKeyRef }[];
}

/** The HTTP port the operator's Service exposes when `http.httpEnabled` is set. */
export const httpPort = 8080;

/** The Service the operator creates for a Keycloak CR (`http.serviceName` unset). */
export const serviceName = (keycloak: string): string => `${keycloak}-service`;

export interface ServerOptions {
  readonly name: string;
  /** Public URL (the issuer's base), e.g. `https://auth.example.net`. */
  readonly url: string;
  /** URL of the admin console, on the internal Gateway, e.g. `https://auth.infra.lab.example.net`. */
  readonly adminUrl: string;
  readonly instances: number;
  readonly database: KeycloakSpec["db"];
  readonly bootstrapAdminSecret: string;
  readonly spec?: DeepPartial<KeycloakSpec>;
}

/**
 * The Keycloak server. TLS ends at the Gateway, so Keycloak serves plain HTTP inside the
 * cluster and trusts the Gateway's `X-Forwarded-*` headers; the hostname is the full public
 * URL so tokens carry the right issuer whatever Host the request arrived with. The operator's
 * own Ingress is off: the HTTPRoute is the only way in.
 */
export function keycloakServer(options: ServerOptions): PlainResource {
  const defaults: KeycloakSpec = {
    instances: options.instances,
    db: options.database,
    http: { httpEnabled: true },
    // Hostname v2 (Keycloak docs "Configuring the hostname (v2)"): `hostname` is the frontend and
    // issuer URL, `admin` the URL the admin console is served and linked on.
    hostname: { hostname: options.url, admin: options.adminUrl },
    proxy: { headers: "xforwarded" },
    ingress: { enabled: false },
    bootstrapAdmin: { user: { secret: options.bootstrapAdminSecret } },
    resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "2Gi" } },
  };
  return {
    apiVersion: "k8s.keycloak.org/v2beta1",
    kind: "Keycloak",
    metadata: { name: options.name },
    spec: merge(defaults, options.spec),
  };
}

/**
 * The paths Keycloak's reverse-proxy guide ("Using a reverse proxy", exposed path
 * recommendations) says to expose publicly: the realms (login pages, OIDC/SAML endpoints, account
 * console), static resources and robots.txt. Not `/admin/`, `/metrics`, `/health`: those stay on
 * the internal route.
 */
export const publicPaths: readonly string[] = ["/realms/", "/resources/", "/robots.txt"];

/**
 * The route from a Gateway's HTTPS listener to the operator's Service: every path, or only
 * `paths` (as PathPrefix matches, Gateway API HTTPPathMatch; `/robots.txt` as an Exact match).
 * `name` is the Keycloak's (its Service is `serviceName(name)`); the route is named `routeName`.
 */
export function keycloakRoute(name: string, hostname: string, gateway: GatewayRef, paths?: readonly string[], routeName: string = name): HTTPRoute {
  const backendRefs = [{ name: serviceName(name), port: httpPort }];
  const matches = paths?.map((path) => ({ path: path.endsWith("/") ? { type: "PathPrefix" as const, value: path.slice(0, -1) } : { type: "Exact" as const, value: path } }));
  return new HTTPRoute({
    metadata: { name: routeName },
    spec: {
      parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: gateway.name, namespace: gateway.namespace, sectionName: gateway.sectionName }],
      hostnames: [hostname],
      rules: [matches ? { matches, backendRefs } : { backendRefs }],
    },
  });
}

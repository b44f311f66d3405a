import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { renderConfigOverwrite } from "./test-support.js";
import { configOverwriteTemplate, oidcUserSettings } from "./user-settings.js";

const oidc = oidcUserSettings({
  issuerUrl: "https://auth.infra.lab.example.net/realms/platform",
  clientId: "harbor",
  groupsClaim: "groups",
  adminGroup: "platform-admins",
  name: "Keycloak",
});

describe("configOverwriteTemplate", () => {
  it.each(['plain', 'with "quotes" and \\backslashes\\', "line\nbreak", "ünïcödé}}{{"])(
    "GIVEN the client secret %j THEN the rendered document is valid JSON holding it unchanged beside every setting",
    (secret) => {
      const document = renderConfigOverwrite(configOverwriteTemplate(oidc), secret);
      expect(document).toEqual({ ...oidc, oidc_client_secret: secret });
    },
  );

  it("GIVEN settings THEN the template holds exactly one Go-template expression, the client secret's", () => {
    const template = configOverwriteTemplate({ ...oidc, robot_token_duration: 30, self_registration: false });
    expect(template.match(/\{\{/g)).toEqual(["{{"]);
    expect(renderConfigOverwrite(template, "s")).toMatchObject({ robot_token_duration: 30, self_registration: false });
  });

  it("GIVEN a setting that would be read as template code THEN it is refused, naming the setting", () => {
    const call = () => configOverwriteTemplate({ ...oidc, oidc_name: "{{ .client_secret }}" });
    expect(call).toThrow(UserError);
    expect(call).toThrow(/must not contain "\{\{"/);
    try {
      call();
    } catch (error) {
      expect((error as UserError).problems).toEqual(['userSettings.oidc_name: "{{ .client_secret }}"']);
    }
  });

  it("GIVEN the client secret among the settings THEN it is refused: it must come from 1Password", () => {
    expect(() => configOverwriteTemplate({ ...oidc, oidc_client_secret: "hunter2" })).toThrow(UserError);
  });
});

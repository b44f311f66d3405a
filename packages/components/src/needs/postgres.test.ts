import { describe, expect, it } from "vitest";
import type { PostgresClusterProps } from "../cloudnative-pg/index.js";
import { collectNeeds } from "./collect.js";
import { databaseNeed } from "./needs.js";
import { postgresProvisioning } from "./postgres.js";

describe("postgresProvisioning", () => {
  it("GIVEN two databases of one owner and one of another THEN each owner is one role and each need one database", () => {
    const needs = collectNeeds({
      databases: [
        databaseNeed({ consumer: "GitLab", database: "gitlabhq_production", owner: "gitlab" }),
        databaseNeed({ consumer: "GitLab", database: "gitlab_registry", owner: "gitlab" }),
        databaseNeed({ consumer: "Harbor", database: "harbor", owner: "harbor" }),
      ],
    });
    // Compile-time: the result plugs straight into postgresCluster's props.
    const props: Pick<PostgresClusterProps, "roles" | "databases"> = postgresProvisioning(needs);
    expect(props).toEqual({
      roles: [{ name: "gitlab" }, { name: "harbor" }],
      databases: [
        { name: "gitlab_registry", owner: "gitlab" },
        { name: "gitlabhq_production", owner: "gitlab" },
        { name: "harbor", owner: "harbor" },
      ],
    });
  });
});

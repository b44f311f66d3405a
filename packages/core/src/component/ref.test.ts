import { describe, expect, expectTypeOf, it } from "vitest";
import { defineComponent, ref, type Component, type Ref } from "./index.js";

const operator = defineComponent({
  name: "operator",
  namespace: "demo-system",
  area: "infrastructure",
  category: "platform",
  stages: [
    { name: "app", resources: [] },
    { name: "config", resources: [] },
  ],
});

describe("ref", () => {
  it("GIVEN a component with stages app and config WHEN ref names one of them THEN the reference carries it", () => {
    expect(ref(operator, "config")).toEqual({ name: "operator", namespace: "demo-system", stage: "config" });
    expect(ref(operator)).toEqual({ name: "operator", namespace: "demo-system" });
  });

  it("GIVEN a component with stages app and config WHEN ref names a stage it lacks THEN it is a type error (tsc -p packages/core/tsconfig.json fails if the error disappears)", () => {
    // The stage parameter accepts exactly the component's stage names (and undefined).
    expectTypeOf(ref<"app" | "config">).parameter(1).toEqualTypeOf<"app" | "config" | undefined>();
    const typed: Component<"app" | "gateway"> = { ...operator, stages: [{ name: "app", resources: [] }, { name: "gateway", resources: [] }] };
    const misspelt = (): Ref[] => [
      // @ts-expect-error "confg" is not a stage of operator
      ref(operator, "confg"),
      // @ts-expect-error "gatewy" is not a stage of a Component<"app" | "gateway">
      ref(typed, "gatewy"),
    ];
    expect(misspelt).toBeTypeOf("function");
  });
});

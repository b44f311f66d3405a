import { describe, expect, it } from "vitest";
import { writtenCount } from "./reference.js";

describe("writtenCount", () => {
  it("GIVEN the generate summary line THEN it reads the number of written files", () => {
    expect(writtenCount("generate: 0 written, 479 unchanged, 0 removed in 0.25s\n")).toBe(0);
    expect(writtenCount("generate: 12 written, 467 unchanged, 1 removed in 0.31s")).toBe(12);
  });

  it("GIVEN anything else THEN it refuses, so a changed output format cannot pass as 'zero files written'", () => {
    expect(() => writtenCount("check: 479 files up to date in 0.26s")).toThrow("unexpected generate output");
  });
});

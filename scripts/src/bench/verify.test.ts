import { describe, expect, it } from "vitest";
import { childrenCpuMs } from "./verify.js";

describe("childrenCpuMs", () => {
  it("GIVEN a /proc/self/stat line whose command holds spaces and parentheses THEN cutime + cstime are read after the last ')' as ticks of 10 ms", () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
    const stat = "4242 (node (k8s) x) S 1 4242 4242 0 -1 4194560 100 200 0 0 350 40 1234 566 20 0 11 0";
    expect(childrenCpuMs(stat)).toBe((1234 + 566) * 10);
  });

  it("GIVEN this process on Linux THEN a number is read", () => {
    expect(process.platform !== "linux" || typeof childrenCpuMs() === "number").toBe(true);
  });
});

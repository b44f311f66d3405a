import { packageTestConfig } from "../../vitest.shared.ts";

// Pure builders without module state: one module graph per worker instead of one per test file.
export default packageTestConfig({ isolate: false });

export { validationTools, validationWorkflow, validationWorkflowPath } from "./workflow.js";
export type { ValidationWorkflowProps } from "./workflow.js";

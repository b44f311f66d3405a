import { UserError, showValue } from "@k8s-gitops/core";

/** A binary memory size as Kubernetes writes it; binary units only, so the arithmetic stays exact. */
export type MemorySize = `${number}Mi` | `${number}Gi`;

const memoryPattern = /^([1-9][0-9]*)(Mi|Gi)$/;

/** Mebibytes of a {@link MemorySize}; `where` names the field in the error. */
export function mebibytes(size: string, where: string): number {
  const match = memoryPattern.exec(size);
  if (!match) throw new UserError(`${where} must be a whole number of Mi or Gi (e.g. "4Gi"), got ${showValue(size)}`);
  return Number(match[1]) * (match[2] === "Gi" ? 1024 : 1);
}

/** A PostgreSQL memory setting (`MB` there means MiB). */
export function postgresMemory(mib: number): string {
  return `${Math.max(1, Math.floor(mib))}MB`;
}

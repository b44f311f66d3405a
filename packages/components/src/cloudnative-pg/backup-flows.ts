import { copyJobPods } from "../offsite-backup/flows.js";
import { flow, type Flow, type Workload } from "../network-flows/model.js";
import { cnpgFlows, postgresInstances } from "./flows.js";
import { postgresNames } from "./names.js";

/**
 * The flows of a Postgres cluster's backup checks, besides the live cluster's own: the nightly
 * copy job reads the backup bucket from the object store; the restore test's throwaway cluster
 * is polled by the operator like any cluster and reads the base backup and WAL from the object
 * store. (The restore-test job itself only talks to the API server, which the default deny admits.)
 */
export function postgresBackupFlows(
  cluster: string,
  namespace: string,
  name: string,
  operator: Workload,
  objectStore: { readonly pods: Workload; readonly port: number; readonly service: string },
  withOffsiteCopy: boolean,
): Flow[] {
  const names = postgresNames(name);
  const throwaway = postgresInstances(cluster, namespace, names.restoreTest);
  return [
    ...(withOffsiteCopy
      ? [flow(name, copyJobPods(cluster, namespace, names.backupCopy), objectStore.pods, [objectStore.port], "the off-cluster copy reads the backup bucket", objectStore.service)]
      : []),
    ...cnpgFlows(operator, throwaway),
    flow(name, throwaway, objectStore.pods, [objectStore.port], "the restore test recovers from the base backups and WAL in the object store", objectStore.service),
  ];
}

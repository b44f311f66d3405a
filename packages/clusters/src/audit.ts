/**
 * Per-cluster switch of Cilium's policy audit mode, the rollout path of the generated network
 * flows (docs/network-flows.md): a cluster starts with `true` (verdicts logged, nothing dropped),
 * the operator reads the AUDIT verdicts in Hubble, fixes missing flows, then sets `false`.
 * A cluster missing here enforces.
 */
export const policyAuditMode: Readonly<Record<string, boolean>> = { infra: true, apps: true };

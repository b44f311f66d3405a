import { Deployment } from "kubernetes-models/apps/v1";

// Writes ceph.conf from the mon endpoints ConfigMap (and rewrites it when the mons fail over), so
// `ceph` and `rados` work without arguments. Rook's deploy/examples/toolbox.yaml does the same.
const script = `CEPH_CONFIG=/etc/ceph/ceph.conf
MON_CONFIG=/etc/rook/mon-endpoints
KEYRING_FILE=/etc/ceph/keyring
write_endpoints() {
  mon_endpoints=$(sed 's/[a-z0-9_-]\\+=//g' "\${MON_CONFIG}")
  printf '[global]\\nmon_host = %s\\n\\n[client.admin]\\nkeyring = %s\\n' "\${mon_endpoints}" "\${KEYRING_FILE}" > "\${CEPH_CONFIG}"
}
printf '[%s]\\nkey = %s\\n' "\${ROOK_CEPH_USERNAME}" "\${ROOK_CEPH_SECRET}" > "\${KEYRING_FILE}"
write_endpoints
seen=$(stat -c %Z "$(realpath "\${MON_CONFIG}")")
while true; do
  now=$(stat -c %Z "$(realpath "\${MON_CONFIG}")")
  if [ "\${now}" != "\${seen}" ]; then write_endpoints; seen=\${now}; fi
  sleep 10
done
`;

const monSecret = (key: string) => ({ secretKeyRef: { name: "rook-ceph-mon", key } });

/** The Ceph toolbox (`kubectl -n rook-ceph exec deploy/rook-ceph-tools -- ceph status`), on the cluster's Ceph image. */
export function toolbox(image: string): Deployment {
  const labels = { app: "rook-ceph-tools" };
  return new Deployment({
    metadata: { name: "rook-ceph-tools", labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          dnsPolicy: "ClusterFirstWithHostNet",
          containers: [
            {
              name: "rook-ceph-tools",
              image,
              command: ["/bin/bash", "-c", script],
              tty: true,
              securityContext: { runAsNonRoot: true, runAsUser: 2016, runAsGroup: 2016 },
              env: [
                { name: "ROOK_CEPH_USERNAME", valueFrom: monSecret("ceph-username") },
                { name: "ROOK_CEPH_SECRET", valueFrom: monSecret("ceph-secret") },
              ],
              volumeMounts: [
                { name: "ceph-config", mountPath: "/etc/ceph" },
                { name: "mon-endpoint-volume", mountPath: "/etc/rook" },
              ],
            },
          ],
          volumes: [
            { name: "mon-endpoint-volume", configMap: { name: "rook-ceph-mon-endpoints", items: [{ key: "data", path: "mon-endpoints" }] } },
            { name: "ceph-config", emptyDir: {} },
          ],
          tolerations: [{ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 5 }],
        },
      },
    },
  });
}

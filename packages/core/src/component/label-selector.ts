type Json = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * A Kubernetes label selector (`matchLabels`, `matchExpressions`) against an object's labels, as
 * metav1.LabelSelectorAsSelector reads it (apimachinery pkg/apis/meta/v1/helpers.go): every
 * `matchLabels` pair and every requirement must hold (In, NotIn, Exists, DoesNotExist); an empty
 * selector matches everything. Anything that is not an object selects nothing, and so does an
 * operator the API server would reject. `key` maps a selector key to the label key it names (Cilium
 * writes `k8s:app` for the label `app`). Used by the PDB check and the network-policy evaluator.
 */
export function labelSelectorMatches(selector: unknown, labels: Readonly<Record<string, string>>, key: (selectorKey: string) => string = (k) => k): boolean {
  if (!isObject(selector)) return false;
  const matchLabels = isObject(selector.matchLabels) ? selector.matchLabels : {};
  for (const [name, value] of Object.entries(matchLabels)) {
    if (typeof value !== "string" || labels[key(name)] !== value) return false;
  }
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const expression of expressions) {
    if (!isObject(expression) || typeof expression.key !== "string") return false;
    const name = key(expression.key);
    const values = Array.isArray(expression.values) ? expression.values : [];
    const has = Object.hasOwn(labels, name);
    switch (expression.operator) {
      case "In":
        if (!has || !values.includes(labels[name])) return false;
        break;
      case "NotIn":
        if (has && values.includes(labels[name])) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * List operations usable inside merge overlays. Plain arrays replace (Helm and Jsonnet semantics);
 * these markers are the explicit exceptions where replacing a list would drop the base's items.
 */
export abstract class ListOp<T = unknown> {
  abstract apply(base: readonly T[]): T[];
  /** Combines two ops so that `merge(merge(a, x), y)` equals `merge(a, merge(x, y))`. */
  abstract andThen(next: ListOp<T>): ListOp<T>;
}

class Sequence<T> extends ListOp<T> {
  constructor(readonly ops: readonly ListOp<T>[]) {
    super();
  }
  apply(base: readonly T[]): T[] {
    return this.ops.reduce<T[]>((acc, op) => op.apply(acc), [...base]);
  }
  andThen(next: ListOp<T>): ListOp<T> {
    return new Sequence([...this.ops, next]);
  }
}

export class AppendOp<T> extends ListOp<T> {
  constructor(readonly items: readonly T[]) {
    super();
  }
  apply(base: readonly T[]): T[] {
    return [...base, ...this.items];
  }
  andThen(next: ListOp<T>): ListOp<T> {
    return next instanceof AppendOp ? new AppendOp([...this.items, ...next.items]) : new Sequence([this, next]);
  }
}

export class MergeByKeyOp<T extends object> extends ListOp<T> {
  constructor(
    readonly key: keyof T & string,
    readonly items: readonly T[],
    private readonly mergeItem: (base: T, overlay: T) => T,
  ) {
    super();
  }
  apply(base: readonly T[]): T[] {
    const result = [...base];
    for (const item of this.items) {
      const id = item[this.key];
      const index = result.findIndex((existing) => existing[this.key] === id);
      if (index === -1) result.push(item);
      else result[index] = this.mergeItem(result[index] as T, item);
    }
    return result;
  }
  andThen(next: ListOp<T>): ListOp<T> {
    return new Sequence([this, next]);
  }
}

export function isListOp(value: unknown): value is ListOp {
  return value instanceof ListOp;
}

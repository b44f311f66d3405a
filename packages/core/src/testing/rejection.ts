import { isUserError } from "../errors/index.js";

/**
 * The message of the UserError `promise` rejects with. Fails (throws) when it resolves or rejects
 * with anything else, such as a TypeError or a raw system error, which the user would see as an
 * internal error.
 */
export async function userErrorMessage(promise: Promise<unknown>): Promise<string> {
  const outcome = await promise.then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ rejected: error }),
  );
  if (!("rejected" in outcome)) throw new Error(`expected a UserError, but it resolved to ${String(outcome.resolved)}`);
  if (!isUserError(outcome.rejected)) throw new Error(`expected a UserError, got ${String(outcome.rejected)}`);
  return outcome.rejected.message;
}

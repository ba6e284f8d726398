/** What a worker knows of a job it started on before the orchestrator said whether the job is its own. */
export interface BuildClaim {
  /** The orchestrator's answer; awaiting it rethrows a failed report, which fails the delivery. */
  readonly started: Promise<{ proceed: boolean }>;
  /** Whether the job is this agent's: false also when the report failed. */
  readonly claimed: Promise<boolean>;
  /** Aborts once the job turns out not to be this agent's. */
  readonly signal: AbortSignal;
}

/**
 * A job's started report, sent while the agent already prepares the job: the report takes a round
 * trip through the orchestrator and its event store, and only the steps that act on the job's behalf
 * (writing its output, running its script, tagging its image) have to wait for the answer.
 */
export function claimBuild(started: Promise<{ proceed: boolean }>): BuildClaim {
  const claimed = started.then(({ proceed }) => proceed).catch(() => false);
  const lost = new AbortController();
  void claimed.then((owned) => owned || lost.abort());
  return { started, claimed, signal: lost.signal };
}

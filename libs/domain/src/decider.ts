/**
 * The pure logic of one aggregate (Emmett / fmodel style). The state is a fold of the stream's
 * events, so the caller loads events, folds them with `evolve` from `initialState()`, calls `decide`
 * and appends the result with the stream revision it loaded (optimistic concurrency).
 *
 * `decide` returns the new events (an empty list when the command changes nothing, e.g. a retry)
 * or throws a `DomainError` to refuse. It never reads the clock or generates ids: those come in the
 * command, so a decision is reproducible.
 */
export interface Decider<Command, State, Event> {
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}

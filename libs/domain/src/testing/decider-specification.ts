import type { Decider } from '../decider.js';
import type { DomainErrorDetails } from '../domain-error.js';
import { DomainError } from '../domain-error.js';

/**
 * Given/when/then for deciders: the state is built only from events, exactly as in production,
 * so a test can never set up a state the stream could not produce.
 *
 *   DeciderSpecification.for(snapshotDecider).given([requested]).when(startBuild).then([started]);
 *   DeciderSpecification.for(snapshotDecider).given([]).when(startBuild).thenThrows('SNAPSHOT_NOT_FOUND');
 */
export const DeciderSpecification = {
  for<Command, State, Event>(decider: Decider<Command, State, Event>) {
    return {
      given(events: Event[]) {
        return {
          when(command: Command) {
            const decide = () => {
              const state = events.reduce((current, event) => decider.evolve(current, event), decider.initialState());
              return decider.decide(command, state);
            };
            return {
              then(expected: Event[]): void {
                expect(decide()).toEqual(expected);
              },
              /**
               * `messageContains` checks that the message names what the user has to fix, `details`
               * the machine-readable facts the refusal carries.
               */
              thenThrows(code: string, messageContains?: string, details?: DomainErrorDetails): void {
                let thrown: unknown;
                try {
                  decide();
                } catch (error) {
                  thrown = error;
                }
                expect(thrown).toBeInstanceOf(DomainError);
                expect((thrown as DomainError).code).toBe(code);
                if (messageContains !== undefined) {
                  expect((thrown as DomainError).message).toContain(messageContains);
                }
                if (details !== undefined) expect((thrown as DomainError).details).toEqual(details);
              },
            };
          },
        };
      },
    };
  },
};

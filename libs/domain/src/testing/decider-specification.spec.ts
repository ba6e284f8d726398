import type { Decider } from '../decider.js';
import { DomainError } from '../domain-error.js';
import { DeciderSpecification } from './decider-specification.js';

// A counter that may not pass 2: just enough to check that the helper fails when it should.
type Increment = { type: 'Increment' };
type Incremented = { type: 'Incremented' };
const counter: Decider<Increment, number, Incremented> = {
  initialState: () => 0,
  decide: (_command, count) => {
    if (count >= 2) throw new DomainError('COUNTER_FULL', 'the counter is full at 2', { limit: 2 });
    return [{ type: 'Incremented' }];
  },
  evolve: (count) => count + 1,
};
const spec = DeciderSpecification.for(counter);
const increment: Increment = { type: 'Increment' };

describe('DeciderSpecification', () => {
  it('folds the given events into the state the command is decided on', () => {
    spec.given([]).when(increment).then([{ type: 'Incremented' }]);
    spec.given([{ type: 'Incremented' }, { type: 'Incremented' }]).when(increment).thenThrows('COUNTER_FULL', 'full');
  });

  it('fails when the events differ', () => {
    expect(() => spec.given([]).when(increment).then([])).toThrow();
  });

  it('fails when nothing is thrown, or another code, or a message without the expected text', () => {
    expect(() => spec.given([]).when(increment).thenThrows('COUNTER_FULL')).toThrow();
    const full = spec.given([{ type: 'Incremented' }, { type: 'Incremented' }]).when(increment);
    expect(() => full.thenThrows('OTHER')).toThrow();
    expect(() => full.thenThrows('COUNTER_FULL', 'empty')).toThrow();
  });

  it('checks the details of a refusal when asked to', () => {
    const full = spec.given([{ type: 'Incremented' }, { type: 'Incremented' }]).when(increment);
    full.thenThrows('COUNTER_FULL', 'full', { limit: 2 });
    expect(() => full.thenThrows('COUNTER_FULL', 'full', { limit: 3 })).toThrow();
  });
});

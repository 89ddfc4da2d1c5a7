import { TurnEnd, TurnStage } from './turn-end';

/** Resolves once every callback queued so far with setImmediate, and what they queued in turn, has run. */
const turns = (count: number) =>
  new Promise<void>((resolve) => {
    const next = (left: number): void => void (left === 0 ? resolve() : setImmediate(() => next(left - 1)));
    next(count);
  });

describe('TurnEnd', () => {
  let turn: TurnEnd;
  let seen: string[];
  beforeEach(() => {
    turn = new TurnEnd();
    seen = [];
  });

  it('runs a Send task that a Prepare task led to in the same turn, after the promise reactions of Prepare', async () => {
    const prepared = new Promise<void>((resolve) =>
      turn.schedule(TurnStage.Prepare, () => {
        seen.push('prepare');
        setImmediate(() => seen.push('next turn'));
        resolve();
      }),
    );
    void prepared.then(async () => {
      await Promise.resolve(); // a few reactions deep, as a command's path to the store is
      seen.push('reaction');
      turn.schedule(TurnStage.Send, () => seen.push('send'));
    });
    await turns(3);
    expect(seen).toEqual(['prepare', 'reaction', 'send', 'next turn']);
  });

  it('queues a Send behind a Prepare scheduled after an earlier Send of the same turn', async () => {
    turn.schedule(TurnStage.Send, () => seen.push('first send'));
    const prepared = new Promise<void>((resolve) =>
      turn.schedule(TurnStage.Prepare, () => {
        seen.push('prepare');
        setImmediate(() => seen.push('next turn'));
        resolve();
      }),
    );
    void prepared.then(() => turn.schedule(TurnStage.Send, () => seen.push('second send')));
    await turns(3);
    expect(seen).toEqual(['first send', 'prepare', 'second send', 'next turn']);
  });

  it('runs the tasks of one stage and turn in the order they came, once each', async () => {
    for (const name of ['a', 'b', 'c']) turn.schedule(TurnStage.Send, () => seen.push(name));
    await turns(2);
    turn.schedule(TurnStage.Send, () => seen.push('d'));
    await turns(2);
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a task scheduled while its stage runs waits for the next turn', async () => {
    turn.schedule(TurnStage.Prepare, () => {
      seen.push('first');
      setImmediate(() => seen.push('marker'));
      turn.schedule(TurnStage.Prepare, () => seen.push('second'));
    });
    await turns(3);
    expect(seen).toEqual(['first', 'marker', 'second']);
  });

  it('a task that throws does not keep the others of its turn from running; the first error is reported after them', async () => {
    const failures: unknown[] = [];
    const reporting = new TurnEnd((error) => failures.push(error));
    reporting.schedule(TurnStage.Send, () => {
      throw new Error('first fails');
    });
    reporting.schedule(TurnStage.Send, () => seen.push('second runs'));
    reporting.schedule(TurnStage.Send, () => {
      throw new Error('third fails');
    });
    await turns(2);
    expect(seen).toEqual(['second runs']);
    expect(failures).toEqual([new Error('first fails')]);
  });
});

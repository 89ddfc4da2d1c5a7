import { TurnEnd } from '@koproduktiv/platform';
import { newDataKey } from '../crypto/aes-gcm';
import { associatedData, openField, sealField } from './sealed-field';
import { SealingTurn } from './sealing-turn';

describe('SealingTurn', () => {
  const key = newDataKey();
  const aad = associatedData('t', 'RequestSubmitted', 'description', 'k-1');

  it("runs a turn's work together at its end, each caller getting its own result", async () => {
    const turn = new SealingTurn(new TurnEnd());
    const ran: string[] = [];
    const results = ['a', 'b', 'c'].map((name) =>
      turn.run(() => {
        ran.push(name);
        return sealField(key, 'k-1', `Notiz ${name}`, aad);
      }),
    );
    expect(ran).toEqual([]); // nothing before the turn ends
    const sealed = await Promise.all(results);
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(sealed.map((field) => openField(key, field, aad))).toEqual(['Notiz a', 'Notiz b', 'Notiz c']);
  });

  it('fails only the caller whose work threw', async () => {
    const turn = new SealingTurn(new TurnEnd());
    const outcomes = await Promise.allSettled([
      turn.run(() => 1),
      turn.run(() => {
        throw new Error('no key');
      }),
      turn.run(() => 3),
    ]);
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('no key') },
      { status: 'fulfilled', value: 3 },
    ]);
  });

  it('work asked for while a turn is being sealed is run in the next one, not lost', async () => {
    const turn = new SealingTurn(new TurnEnd());
    expect(await turn.run(() => turn.run(() => 'next turn'))).toBe('next turn');
  });
});

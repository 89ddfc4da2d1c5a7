import { PUBLIC_COMMAND_TYPES } from '@koproduktiv/domain';
import { toProblem } from '../http/problem-mapping';
import { conflictExample, notFoundExample } from './command-problem-examples';

/** The error examples the OpenAPI document gives each command are the domain's own answers. */
describe('command problem examples', () => {
  it('documents a 404 exactly for the commands that need an existing stream', () => {
    const creators = PUBLIC_COMMAND_TYPES.filter((type) => !notFoundExample(type));
    expect(creators).toEqual(
      expect.arrayContaining(['RegisterInitiative', 'RegisterUnit', 'OpenFund', 'SubmitRequest']),
    );
    for (const type of PUBLIC_COMMAND_TYPES.filter((t) => !creators.includes(t))) {
      const problem = toProblem(notFoundExample(type));
      expect({ type, status: problem.status, code: problem.code }).toEqual({
        type,
        status: 404,
        code: expect.stringMatching(/\.NOT_FOUND$/),
      });
    }
  });

  it("gives each command a 409 it can really get: the domain's rule where the example story provokes one", () => {
    const codes = Object.fromEntries(PUBLIC_COMMAND_TYPES.map((type) => [type, toProblem(conflictExample(type))]));
    for (const [type, problem] of Object.entries(codes))
      expect({ type, status: problem.status }).toEqual({ type, status: 409 });
    expect(codes.SubmitRequest.code).not.toBe('COMMAND.CONCURRENT_WRITE');
    expect(codes.RegisterInitiative.code).not.toBe('COMMAND.CONCURRENT_WRITE');
    expect(codes.UpdateInitiativeProfile.code).not.toBe('COMMAND.CONCURRENT_WRITE');
  });
});

import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { PUBLIC_COMMAND_TYPES } from '@koproduktiv/domain';
import { commandExamples } from '../commands/dto/examples';
import { commandDtos } from '../commands/dto';
import { cacheValidationMetadataLookups } from './validation-metadata-cache';

const options = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

describe('cacheValidationMetadataLookups', () => {
  const storage = getMetadataStorage();
  const uncached = storage.getTargetValidationMetadatas.bind(storage);
  beforeAll(() => cacheValidationMetadataLookups(storage));

  it('answers every command DTO lookup with exactly the rules the uncached lookup finds', () => {
    for (const type of PUBLIC_COMMAND_TYPES) {
      const dto = commandDtos[type];
      for (const groups of [undefined, ['x']]) {
        const expected = uncached(dto, '', false, false, groups);
        expect(storage.getTargetValidationMetadatas(dto, '', false, false, groups)).toEqual(expected);
        // The second call is served from the cache and still the same.
        expect(storage.getTargetValidationMetadatas(dto, '', false, false, groups)).toEqual(expected);
      }
    }
  });

  it('keeps validation as it was: every example passes, a wrong type and an unknown field are refused', async () => {
    for (const type of PUBLIC_COMMAND_TYPES) {
      const valid = plainToInstance(commandDtos[type] as new () => object, structuredClone(commandExamples[type]));
      expect(await validate(valid, options)).toEqual([]);
      const invalid = plainToInstance(commandDtos[type] as new () => object, {
        ...structuredClone(commandExamples[type]),
        unexpected: 1,
      });
      expect((await validate(invalid, options)).map((error) => error.property)).toContain('unexpected');
    }
  });

  it('looks a class up once per set of arguments and then answers from the cache', () => {
    const lookups: unknown[][] = [];
    const storage = {
      getTargetValidationMetadatas: (...args: unknown[]) => (lookups.push(args), [{ args }]),
    } as unknown as NonNullable<Parameters<typeof cacheValidationMetadataLookups>[0]>;
    cacheValidationMetadataLookups(storage);
    class Dto {}
    class Other {}
    const first = storage.getTargetValidationMetadatas(Dto, '', false, false, undefined);
    expect(storage.getTargetValidationMetadatas(Dto, '', false, false, undefined)).toBe(first);
    expect(lookups).toHaveLength(1);
    for (const [target, always, strictGroups, groups] of [
      [Dto, true, false, undefined],
      [Dto, false, true, undefined],
      [Dto, false, false, ['a']],
      [Dto, false, false, ['a', 'b']],
      [Other, false, false, undefined],
    ] as const) {
      storage.getTargetValidationMetadatas(target, '', always, strictGroups, groups as string[] | undefined);
    }
    expect(lookups).toHaveLength(6); // each other argument set is a lookup of its own
    storage.getTargetValidationMetadatas(Dto, '', false, false, ['a', 'b']);
    expect(lookups).toHaveLength(6);
  });

  it('is installed once however often it is called', () => {
    const installed = storage.getTargetValidationMetadatas;
    cacheValidationMetadataLookups(storage);
    expect(storage.getTargetValidationMetadatas).toBe(installed);
  });
});

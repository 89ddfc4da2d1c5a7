import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];

const installedOn = new WeakSet<MetadataStorage>();

/**
 * class-validator resolves a class's validation rules on every `validate()` by scanning every
 * registered class for ancestors (typestack/class-validator#2686); with one DTO per command that scan
 * was about a tenth of the API's CPU per command. A class's rules are all registered when the class
 * is defined, before anything can validate it, so each lookup's answer is fixed and is kept.
 */
export function cacheValidationMetadataLookups(storage: MetadataStorage = getMetadataStorage()): void {
  if (installedOn.has(storage)) return;
  installedOn.add(storage);
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const cache = new WeakMap<object, Map<string, ReturnType<Lookup>>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byArguments = cache.get(target);
    if (!byArguments) cache.set(target, (byArguments = new Map()));
    let metadata = byArguments.get(key);
    if (!metadata) byArguments.set(key, (metadata = lookup(target, schema, always, strictGroups, groups)));
    return metadata;
  };
}

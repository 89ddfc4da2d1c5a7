/** A command or an event: a readonly discriminated union member with its payload under `data`. */
export type Message<Type extends string, Data extends object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

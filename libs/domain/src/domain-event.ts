/** A fact recorded on a stream; the only source of truth for state and read models. */
export type DomainEvent<Type extends string, Data extends object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

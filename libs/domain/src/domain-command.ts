/** A request to change one aggregate; the decider turns it into events or refuses it. */
export type DomainCommand<Type extends string, Data extends object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

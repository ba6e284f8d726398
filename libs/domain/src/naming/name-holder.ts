/** The field naming whoever holds a name of a kind: `snapshotId` for `Snapshot`, `registryId` for `Registry`. */
export type NameHolderKey<Kind extends string> = `${Uncapitalize<Kind>}Id`;

export type NameHolder<Kind extends string> = { [Key in NameHolderKey<Kind>]: string };

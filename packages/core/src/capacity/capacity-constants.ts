/** Until a shop runs several warehouses, its capacity is declared for this one. */
export const DEFAULT_WAREHOUSE = 'default';
/** The largest daily capacity a shop may declare. */
export const MAX_CAPACITY_PER_DAY = 1_000_000;

/**
 * Rows as arrays, for the few hot reads whose rows are many and wide: building an object per row
 * (a property per column) costs a 20-row page about as much as SQLite's reading of it. A statement
 * whose SQL starts with ARRAY_ROWS gets its rows as arrays of the selected columns, in order
 * (better-sqlite3's raw mode; `rowMode: 'array'` on PostgreSQL). The drivers look for the mark
 * (database.ts); compiledOnce's `arrays` adds it.
 */
export const ARRAY_ROWS = '/* rows as arrays */ ';

export const wantsArrayRows = (sql: string): boolean => sql.startsWith(ARRAY_ROWS);

import type { Database } from '../src/storage/index.js';

/** `db` with a count of the statements drizzle prepares through it (the driver's, not ours). */
export function counting(db: Database): { db: Database; statements: () => number } {
  let statements = 0;
  const session = new Proxy(db._.session, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== 'prepareQuery' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        statements++;
        return value.apply(target, args);
      };
    },
  });
  const inner = new Proxy(db._, { get: (t, p) => (p === 'session' ? session : Reflect.get(t, p)) });
  const proxied = new Proxy(db, { get: (t, p) => (p === '_' ? inner : Reflect.get(t, p)) });
  return { db: proxied, statements: () => statements };
}

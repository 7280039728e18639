/**
 * aws-local-stepfunctions calls Promise.withResolvers (ES2024, Node 22) in every Task state; Node 20 lacks it.
 * Imported for its effect, before the interpreter runs: installs a spec-shaped version only where it is missing,
 * so a newer Node keeps its own.
 */

interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

type WithResolvers = <T>(this: PromiseConstructor) => Resolvers<T>;

const ctor = Promise as PromiseConstructor & { withResolvers?: WithResolvers };

if (typeof ctor.withResolvers !== 'function') {
  const withResolvers: WithResolvers = function <T>(this: PromiseConstructor): Resolvers<T> {
    let resolve!: Resolvers<T>['resolve'];
    let reject!: Resolvers<T>['reject'];
    // `this`, not Promise, as the spec says: a subclass calling it gets its own kind of promise.
    const promise = new this<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
  Object.defineProperty(Promise, 'withResolvers', { value: withResolvers, writable: true, configurable: true });
}

export {};

/**
 * One area of the page's strings, in both languages. `en` must have exactly the keys and types of `sv`, so a
 * string added in one language only does not compile.
 */
export interface AreaStrings<T> {
  sv: T;
  en: T;
}

export function defineStrings<T extends object>(sv: T, en: NoInfer<T>): AreaStrings<T> {
  return { sv, en };
}

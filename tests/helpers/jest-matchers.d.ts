// @types/jest declares the asymmetric matchers (expect.any(String), expect.stringMatching(...)) as returning `any`,
// so every object that holds one is an unsafe `any` to the type-checked lint rules. These overloads are merged ahead
// of @types/jest's and give the matchers their real type; toEqual / toMatchObject accept them as before, and toThrow
// (which Jest also checks against a matcher) gets the overload that takes one.
declare namespace jest {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a merged declaration repeats @types/jest's parameters
  interface Matchers<R, T> {
    toThrow(error: AsymmetricMatcher): R;
  }
  interface Expect {
    anything(): AsymmetricMatcher;
    any(classType: unknown): AsymmetricMatcher;
    arrayContaining(arr: readonly unknown[]): AsymmetricMatcher;
    arrayOf(arr: unknown): AsymmetricMatcher;
    closeTo(num: number, numDigits?: number): AsymmetricMatcher;
    objectContaining(obj: object): AsymmetricMatcher;
    stringMatching(str: string | RegExp): AsymmetricMatcher;
    stringContaining(str: string): AsymmetricMatcher;
  }
  interface InverseAsymmetricMatchers {
    arrayContaining(arr: readonly unknown[]): AsymmetricMatcher;
    arrayOf(arr: unknown): AsymmetricMatcher;
    objectContaining(obj: object): AsymmetricMatcher;
    stringMatching(str: string | RegExp): AsymmetricMatcher;
    stringContaining(str: string): AsymmetricMatcher;
  }
}

// Mocha's globals in the browser tests (web-test-runner provides them; @types/mocha would also
// type the Node tests' scope, where node:test's own functions are imported instead).
declare function describe(name: string, body: (this: unknown) => void): void;
declare function it(name: string, body: (this: unknown) => void | Promise<void>): void;
declare function before(body: () => void | Promise<void>): void;
declare function after(body: () => void | Promise<void>): void;
declare function beforeEach(body: () => void | Promise<void>): void;
declare function afterEach(body: () => void | Promise<void>): void;

/** Types for scripts/system-deps.mjs, which the TypeScript tests import. */
export declare const CHROMIUM_ARGS: string[];
export declare function findChromium(): string | undefined;
export declare function findRedisServer(): string | undefined;
export declare function ensureSystemDeps(): void;

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Folders the property set reads from; found from the repository root, whether run as TS or from dist/cli.js. */
export interface PropertySetPaths {
  root: string;
  /** Static pages, one folder per host. */
  sites: string;
  /** Page scripts bundled by `npm run build` (scripts/build.mjs, `propertySet` step). */
  bundles: string;
  sdk: string;
  extension: string;
  registry: string;
  registryExtra: string;
  groundTruth: string;
}

export function findRepoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === "cookie-ledger") return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the cookie-ledger repository above ${from}`);
    dir = up;
  }
}

export function propertySetPaths(root = findRepoRoot()): PropertySetPaths {
  const fixtures = join(root, "test", "fixtures", "property-set");
  return {
    root,
    sites: join(fixtures, "sites"),
    bundles: join(root, "dist", "property-set"),
    sdk: join(root, "dist", "sdk", "cookie-ledger.js"),
    extension: join(root, "dist", "extension", "chrome"),
    registry: join(root, "shared", "registries", "dingtalk.json"),
    registryExtra: join(fixtures, "registry-extra.json"),
    groundTruth: join(fixtures, "ground-truth.json"),
  };
}

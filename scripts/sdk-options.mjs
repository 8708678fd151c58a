// How the drop-in SDK files are minified: shared by scripts/build.mjs and the size bench
// (test/bench/sdk-size.bench.ts), so that the bench measures exactly what the build ships.
import { minify } from "terser";

export const SDK_TARGET = ["chrome100", "firefox100", "safari15"];

/**
 * The core's size budget: shorten the fields of its internal structures (`Core`, its natives, the hold
 * queue), which never cross into the lazy part, the worker guard or the page.
 */
export const CORE_MANGLE_PROPS = /^(sess|gates|ran|px|own|wg|ws|idel|cdel|ls|ss|rm|hold|drop|replay|gate)$/;

/**
 * The drop-in files are counted in bytes (issues 4, 7, 9): terser's second pass and top-level mangling take
 * about 5 % more off esbuild's output after gzip. Safe options only (no `unsafe*`).
 */
export async function squeeze(code) {
  const r = await minify(code, {
    ecma: 2020,
    compress: { passes: 2, toplevel: true },
    mangle: { toplevel: true },
    format: { comments: false },
  });
  return r.code;
}

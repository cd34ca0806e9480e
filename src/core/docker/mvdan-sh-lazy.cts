// mvdan-sh, loaded on first use: most scans never need it (shell-read.ts reads 99.8 % of the bench
// set's RUN scripts), and evaluating its GopherJS module cost 35–50 ms of every start, in the
// main thread and again in the Dockerfile worker. A CommonJS module, so that `require` here is a
// plain call the bundler keeps lazy (it bundles the package and runs it when first required).
import type Sh from 'mvdan-sh';

let loaded: typeof Sh | null = null;

export function mvdan(): typeof Sh {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('mvdan-sh') as typeof Sh);
}

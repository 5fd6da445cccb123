// Bundles src/viewer.js and NiiVue into one minified IIFE that the report inlines, so the report
// needs no network. Run by Maven (exec-maven-plugin) after `npm ci`; argument: the output file.
import { build } from 'esbuild';

const outfile = process.argv[2];
if (!outfile) {
  console.error('usage: node build.mjs OUTFILE');
  process.exit(2);
}
await build({
  entryPoints: ['src/viewer.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'inline',
  outfile,
  logLevel: 'warning',
});

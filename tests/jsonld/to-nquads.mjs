// Reads a JSON-LD file with jsonld.js and prints it as N-Quads (for check.py).
// No document loader: the context is inline, so nothing is fetched.
import { readFileSync } from "node:fs";
import jsonld from "jsonld";

const doc = JSON.parse(readFileSync(process.argv[2], "utf8"));
const nquads = await jsonld.toRDF(doc, {
  format: "application/n-quads",
  documentLoader: (url) => {
    throw new Error(`check: the document asked for ${url}; its context must be inline`);
  },
});
process.stdout.write(nquads);

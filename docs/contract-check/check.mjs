// The contract, judged by graphql-js (the reference implementation that codegen, Apollo and GraphiQL use):
//   1. schema.graphql (at the repository root) parses and is a valid schema;
//   2. docs/schema-released.graphql (the last released schema) does too;
//   3. every operation in docs/examples/*.graphql validates against schema.graphql;
//   4. the introspection query the tests send is exactly getIntrospectionQuery()'s text.
// Exits 1 with every problem listed; run it with `npm ci && npm run check` in this folder.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, getIntrospectionQuery, parse, validate, validateSchema } from 'graphql';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const problems = [];
const where = (file, error) =>
  `${relative(root, file)}${error.locations?.length ? `:${error.locations[0].line}:${error.locations[0].column}` : ''}: ${error.message}`;

function loadSchema(file) {
  try {
    const schema = buildSchema(readFileSync(file, 'utf8'));
    const errors = validateSchema(schema);
    errors.forEach((e) => problems.push(where(file, e)));
    return errors.length ? null : schema;
  } catch (e) {
    problems.push(where(file, e));
    return null;
  }
}

const schemaFile = join(root, 'schema.graphql');
const schema = loadSchema(schemaFile);
loadSchema(join(root, 'docs', 'schema-released.graphql'));

const examplesDir = join(root, 'docs', 'examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.graphql')).sort();
let operations = 0;
if (examples.length === 0) problems.push('docs/examples: no *.graphql files');
for (const name of examples) {
  const file = join(examplesDir, name);
  let document;
  try {
    document = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push(where(file, e));
    continue;
  }
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition') {
      operations++;
      if (!definition.name) problems.push(`${relative(root, file)}: an operation without a name (codegen needs one)`);
    }
  }
  if (schema) validate(schema, document).forEach((e) => problems.push(where(file, e)));
}

const introspectionFile = join(root, 'src', 'test', 'resources', 'contract', 'introspection-query.graphql');
if (readFileSync(introspectionFile, 'utf8') !== getIntrospectionQuery()) {
  problems.push(`${relative(root, introspectionFile)} is not getIntrospectionQuery()'s text: regenerate it with `
    + '`node docs/contract-check/introspection-query.mjs > src/test/resources/contract/introspection-query.graphql`');
}

if (problems.length) {
  console.error(`contract: ${problems.length} problem(s) found by graphql-js:`);
  problems.forEach((p) => console.error(`  ${p}`));
  process.exit(1);
}
console.log(`contract: schema.graphql and docs/schema-released.graphql are valid for graphql-js; `
  + `${operations} example operations in ${examples.length} files validate against schema.graphql`);

// Prints graphql-js' standard introspection query, exactly as GraphiQL, Apollo and graphql-codegen send it
// (getIntrospectionQuery() with its default options). The tests send this text to the running service:
//   node introspection-query.mjs > ../../src/test/resources/contract/introspection-query.graphql
import { getIntrospectionQuery } from 'graphql';

process.stdout.write(getIntrospectionQuery());

// The benchmark's peer: the Neo4j GraphQL Library over HTTP (graphql-yoga), on the same Neo4j and
// data as Urbangraph. Type definitions mirror the entities and relationships the benchmark queries;
// search, neighbourhood and shortest path, which the library has no built-in form of, are @cypher
// fields running Cypher equivalent to Urbangraph's (the neighbourhood's is Urbangraph's own text).
import { createServer } from 'node:http';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j from 'neo4j-driver';
import { readFileSync } from 'node:fs';

// Cypher the peer must run exactly as Urbangraph does, written by `urbangraph-bench --peer-cypher`
// (scripts/bench.sh): the neighbourhood, ring by ring, with the relationships among the entities.
const cypher = JSON.parse(readFileSync(process.env.PEER_CYPHER || 'peer-cypher.json', 'utf8'));

const typeDefs = /* GraphQL */ `
  type Entity @node {
    id: ID!
    kind: String
    name_en: String
  }
  type City @node {
    id: ID!
    name_en: String
    organisations: [Organisation!]! @relationship(type: "LOCATED_IN", direction: IN)
  }
  type Organisation @node {
    id: ID!
    name_en: String
    category: String
    city: [City!]! @relationship(type: "LOCATED_IN", direction: OUT)
    presented: [Practice!]! @relationship(type: "PRESENTED", direction: OUT)
  }
  type Practice @node {
    id: ID!
    name_en: String
  }
  type NeighbourNode {
    id: ID!
    name_en: String
  }
  type NeighbourEdge {
    id: ID!
    type: String!
    from: ID!
    to: ID!
  }
  type Neighbourhood {
    nodes: [NeighbourNode!]!
    edges: [NeighbourEdge!]!
    truncated: Boolean!
  }
  type Query {
    search(term: String!): [Entity!]!
      @cypher(statement: "CALL db.index.fulltext.queryNodes('entity_search', $term) YIELD node RETURN node ORDER BY node.id LIMIT 10", columnName: "node")
    neighbourhood(id: ID!, limit: Int!, kinds: [String!] = null): Neighbourhood
      @cypher(statement: ${JSON.stringify(cypher.neighbourhood)}, columnName: "sg")
    shortestPathLength(from: ID!, to: ID!): Int
      @cypher(statement: "MATCH (a:Entity {id: $from}), (b:Entity {id: $to}) MATCH p = SHORTEST 1 (a)-[:LOCATED_IN|FOUNDED|SUPPORTS|PARTNER_OF|PARTICIPATED_IN|PRESENTED|PRESENTED_AT|HELD_IN|FUNDED_BY|BENEFITS|HAS_UNIT|HAS_EXPERTISE_IN|IN_DOMAIN|DISCUSSED|VISITED|INTRODUCED_TO|WORKS_IN|CONTRIBUTES_TO]-{1,6}(b) RETURN length(p) AS l", columnName: "l")
  }
`;

const driver = neo4j.driver(process.env.NEO4J_URI || 'bolt://127.0.0.1:7687',
  neo4j.auth.basic(process.env.NEO4J_USERNAME || 'neo4j', process.env.NEO4J_PASSWORD || 'urbangraph-dev'));
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', graphiql: false, logging: false,
  context: { sessionConfig: { database: process.env.NEO4J_DATABASE || 'neo4j' } } });
const port = Number(process.env.PORT || 8092);
createServer((req, res) => {
  if (req.url === '/health') {
    res.end('ok');
    return;
  }
  yoga(req, res);
}).listen(port, '127.0.0.1', () => console.log(`peer on http://127.0.0.1:${port}/graphql`));

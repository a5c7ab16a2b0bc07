// Before Neo4j-Migrations kept its own records, a hand-written runner marked each applied script with a
// (:SchemaMigration {version}) node. Nothing reads them any more.
MATCH (m:SchemaMigration) DETACH DELETE m;

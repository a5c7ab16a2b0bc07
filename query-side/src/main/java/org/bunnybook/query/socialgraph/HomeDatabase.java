package org.bunnybook.query.socialgraph;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.springframework.stereotype.Component;

/**
 * Sessions on the graph's home database, named: a session that names none has the driver ask the server for it
 * first, a round trip before every read or write. Asked once, when first needed (the server may not be up before),
 * for the graph's reads and writes alike.
 */
@Component
class HomeDatabase {

    private final Driver driver;
    private volatile String name;

    HomeDatabase(Driver driver) {
        this.driver = driver;
    }

    SessionConfig sessions(AccessMode mode) {
        return SessionConfig.builder().withDefaultAccessMode(mode).withDatabase(name()).build();
    }

    private String name() {
        if (name == null) {
            try (Session session = driver.session()) {
                name = session.run("CALL db.info() YIELD name RETURN name").single().get("name").asString();
            }
        }
        return name;
    }
}

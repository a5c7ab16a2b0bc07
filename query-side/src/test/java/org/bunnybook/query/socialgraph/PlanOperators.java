package org.bunnybook.query.socialgraph;

import org.neo4j.driver.Driver;
import org.neo4j.driver.summary.Plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The operators of the plan Neo4j makes for a statement, from the root down, for tests that pin a plan's shape. */
final class PlanOperators {

    private PlanOperators() {
    }

    static List<String> of(Driver neo4j, String cypher, Map<String, Object> parameters) {
        Plan plan;
        try (var session = neo4j.session()) {
            plan = session.run("EXPLAIN " + cypher, parameters).consume().plan();
        }
        List<String> operators = new ArrayList<>();
        collect(plan, operators);
        return operators;
    }

    private static void collect(Plan plan, List<String> operators) {
        operators.add(plan.operatorType());
        plan.children().forEach(child -> collect(child, operators));
    }
}

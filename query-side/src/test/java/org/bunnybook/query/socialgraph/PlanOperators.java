package org.bunnybook.query.socialgraph;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Values;
import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.summary.ProfiledPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The operators of the plan Neo4j makes for a statement, from the root down, for tests that pin a plan's shape. */
final class PlanOperators {

    private PlanOperators() {
    }

    static List<String> of(Driver neo4j, String cypher, Map<String, Object> parameters) {
        List<String> operators = new ArrayList<>();
        collect(explain(neo4j, cypher, parameters), Plan::operatorType, operators);
        return operators;
    }

    /** Each operator's type and details ("Filter: NOT p = me AND p:Profile"), from the root down. */
    static List<String> withDetails(Driver neo4j, String cypher, Map<String, Object> parameters) {
        List<String> operators = new ArrayList<>();
        // the driver names each operator with its database: "Filter@neo4j"
        collect(explain(neo4j, cypher, parameters), plan -> plan.operatorType().replaceFirst("@.*", "") + ": "
                + plan.arguments().getOrDefault("Details", Values.NULL).asString(""), operators);
        return operators;
    }

    /** The database hits of the operators of this type when the statement runs, summed over the plan. */
    static long hits(Driver neo4j, String cypher, Map<String, Object> parameters, String operatorType) {
        ProfiledPlan plan;
        try (var session = neo4j.session()) {
            plan = session.run("PROFILE " + cypher, parameters).consume().profile();
        }
        return hits(plan, operatorType);
    }

    private static long hits(ProfiledPlan plan, String operatorType) {
        long own = plan.operatorType().replaceFirst("@.*", "").equals(operatorType) ? plan.dbHits() : 0;
        return own + plan.children().stream().mapToLong(child -> hits(child, operatorType)).sum();
    }

    private static Plan explain(Driver neo4j, String cypher, Map<String, Object> parameters) {
        try (var session = neo4j.session()) {
            return session.run("EXPLAIN " + cypher, parameters).consume().plan();
        }
    }

    private static void collect(Plan plan, Function<Plan, String> describe, List<String> operators) {
        operators.add(describe.apply(plan));
        plan.children().forEach(child -> collect(child, describe, operators));
    }
}

package org.bunnybook.query.socialgraph;

import java.util.Map;

/** One Cypher statement of a batch's transaction, with its parameters as plain Java values. */
record GraphStatement(String cypher, Map<String, Object> parameters) {
}

package org.bunnybook.platform.processing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;

/**
 * How this application node is told apart from the others on the same stores: {@code bunnybook.node-id}, by
 * default the JVM's process-and-host name (Axon's own default). It names the node in the token store's claims, in
 * the cluster's heartbeats and in the rebuilds it performs.
 */
@Component
public class NodeName {

    private final String name;

    public NodeName(@Value("${bunnybook.node-id:}") String configured) {
        this.name = configured.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : configured;
    }

    public String value() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}

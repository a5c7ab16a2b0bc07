package org.bunnybook.platform.processing;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.bunnybook.platform.eventstore.PromptEventSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** How processing groups run: their processors, their source of events, and what happens to an event that fails. */
@Configuration
@EnableConfigurationProperties(ProcessorProperties.class)
class ProcessingConfiguration {

    /**
     * Every read model runs in its own pooled streaming processor, and an event its handler fails on is parked in
     * that group's dead-letter queue (with the rest of its sequence behind it) instead of being skipped. Registered
     * late so it overrides Axon's default, which enables dead-lettering only per property. Groups declared
     * {@link StrictlyOrderedGroup}s run as their declaration says instead.
     */
    @Bean
    ConfigurerModule readModelProcessing(ProcessorProperties properties, TransactionManager transactionManager,
                                         DeadLetterQueues deadLetterQueues,
                                         ObjectProvider<EventStorageEngine> storageEngine,
                                         List<StrictlyOrderedGroup> strictlyOrdered,
                                         List<SingleSegmentGroup> singleSegment,
                                         CommittedBatches committedBatches, AwaitedGroups awaitedGroups) {
        TransactionManager projectionTransactions = new ProjectionTransactions(transactionManager);
        Set<String> parkingNothing = strictlyOrdered.stream().map(StrictlyOrderedGroup::name)
                .collect(Collectors.toUnmodifiableSet());
        return new ConfigurerModule() {
            @Override
            public void configureModule(org.axonframework.config.Configurer configurer) {
                configurer.registerComponent(PromptEventSource.class, config -> {
                    PromptEventSource source = new PromptEventSource(config.eventStore(), storageEngine.getObject(),
                            Duration.ofMillis(500), name -> config.eventProcessingConfiguration()
                            .eventProcessor(name, StreamingEventProcessor.class),
                            properties.unawaitedDelay(), awaitedGroups::isAwaited);
                    committedBatches.onEachCommit(source::batchCommitted);
                    awaitedGroups.onAwaited(source::awaited);
                    return source;
                });
                EventProcessingConfigurer processing = configurer.eventProcessing()
                        .configureDefaultStreamableMessageSource(config -> config.getComponent(PromptEventSource.class))
                        .usingPooledStreamingEventProcessors((config, builder) -> builder
                                .initialSegmentCount(properties.initialSegmentCount())
                                // a segment released to its owner (SegmentBalancer) or left by a dead node is
                                // claimed within a second rather than five
                                .tokenClaimInterval(1000)
                                .batchSize(properties.batchSize())
                                .transactionManager(projectionTransactions));
                singleSegment.forEach(group -> processing.registerPooledStreamingEventProcessorConfiguration(
                        group.name(), (config, builder) -> builder.initialSegmentCount(1)));
                parkingNothing.forEach(group -> processing.registerPooledStreamingEventProcessorConfiguration(group,
                        (config, builder) -> builder.initialSegmentCount(1)
                                .initialToken(StreamableMessageSource::createTailToken)));
                processing.registerDefaultHandlerInterceptor((config, group) -> committedBatches.countingFor(group))
                        .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance())
                        .registerDefaultDeadLetterPolicy(config -> new ParkUnlessCollided())
                        .registerDeadLetterQueueProvider(group -> parkingNothing.contains(group) ? null
                                : config -> deadLetterQueues.of(group));
            }

            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }
}

package org.bunnybook.query.chat;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.projection.OwnedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every table of the conversations read model (ConversationProjection), so that a rebuild builds them beside the
 * live ones while members read those.
 */
@Configuration(proxyBeanMethods = false)
class ConversationTables {

    @Bean
    OwnedTables conversationOwnedTables() {
        return OwnedTables.of(ReadModels.CONVERSATIONS, "conversations", "conversation_members", "chat_messages");
    }
}

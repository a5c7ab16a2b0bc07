package org.bunnybook.query.avatar;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class AvatarConfiguration {

    @Bean
    BunnyPainter bunnyPainter() {
        return new BunnyPainter();
    }
}

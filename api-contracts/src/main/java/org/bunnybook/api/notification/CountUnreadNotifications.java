package org.bunnybook.api.notification;

import java.util.UUID;

public record CountUnreadNotifications(UUID profileId) {
}

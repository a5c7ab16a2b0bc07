package org.bunnybook.api.notification;

import org.bunnybook.api.post.PageAfter;

import java.util.UUID;

/** A page of the member's notifications, newest first. */
public record FindNotifications(UUID profileId, PageAfter page) {
}

package org.bunnybook.api.notification;

public enum NotificationType {
    NEW_POST_ON_WALL, NEW_COMMENT_ON_POST, NEW_FRIENDSHIP_REQUEST, NEW_FRIEND, NEW_LIKE, REPORT_ANSWERED
}

import type { Notification } from '../api/types';

/** A notification as a sentence: who (shown with their avatar), what, and where opening it leads. */
export interface NotificationText {
  actor: string;
  text: string;
  href: string;
}

/** Reads the notification payloads (docs/http-api.md, Notifications); `me` is the member the notifications are for. */
export function notificationText({ data: { event, payload } }: Notification, me: string): NotificationText {
  switch (event) {
    case 'NEW_POST_ON_WALL':
      return { actor: payload.byUsername, text: `posted on your wall: “${payload.postPreview}”`, href: `/posts/${payload.postId}` };
    case 'NEW_COMMENT_ON_POST': {
      const whose = payload.postById === me ? 'your' : `${payload.postByUsername}'s`;
      return {
        actor: payload.byUsername,
        text: `commented on ${whose} post: “${payload.commentPreview}”`,
        href: `/posts/${payload.postId}`,
      };
    }
    case 'NEW_FRIENDSHIP_REQUEST':
      return { actor: payload.byUsername, text: 'wants to be your friend', href: '/friends/incoming' };
    case 'NEW_FRIEND':
      return { actor: payload.profileUsername, text: 'accepted your friend request', href: `/profiles/${payload.profileId}` };
    case 'NEW_LIKE':
      return { actor: payload.byUsername, text: 'likes your post', href: `/posts/${payload.postId}` };
    case 'REPORT_ANSWERED':
      return { actor: 'Bunnybook', text: `answered your report: “${payload.answer}”`, href: '/notifications' };
    default:
      // a kind of notification newer than this page: still listed, read and openable
      return { actor: payload.byUsername ?? 'Bunnybook', text: 'has something new for you', href: '/notifications' };
  }
}

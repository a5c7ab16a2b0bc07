import { describe, expect, it } from 'vitest';
import { notificationText } from './notificationText';
import type { Notification } from '../api/types';

const of = (event: string, payload: Record<string, string>): Notification =>
  ({ id: 'n', createdAt: '2025-01-01T00:00:00.000Z', profileId: 'me', data: { event, payload }, read: false, visited: false });

describe('notificationText', () => {
  it('tells of a post on my wall, leading to it', () => {
    expect(notificationText(of('NEW_POST_ON_WALL', { byId: 'a', byUsername: 'ada', postId: 'p1', postPreview: 'hi' }), 'me'))
      .toEqual({ actor: 'ada', text: 'posted on your wall: “hi”', href: '/posts/p1' });
  });

  it('says whose post was commented on', () => {
    const comment = (postById: string) => of('NEW_COMMENT_ON_POST',
      { byId: 'a', byUsername: 'ada', postById, postByUsername: 'bob', postId: 'p1', commentPreview: 'nice' });
    expect(notificationText(comment('me'), 'me').text).toBe('commented on your post: “nice”');
    expect(notificationText(comment('b'), 'me').text).toBe("commented on bob's post: “nice”");
  });

  it('leads friendship news to the requests and to the new friend', () => {
    expect(notificationText(of('NEW_FRIENDSHIP_REQUEST', { byId: 'a', byUsername: 'ada' }), 'me'))
      .toEqual({ actor: 'ada', text: 'wants to be your friend', href: '/friends/incoming' });
    expect(notificationText(of('NEW_FRIEND', { profileId: 'b', profileUsername: 'bob' }), 'me'))
      .toEqual({ actor: 'bob', text: 'accepted your friend request', href: '/profiles/b' });
  });

  it('tells the reporter what staff answered', () => {
    expect(notificationText(of('REPORT_ANSWERED', { reportId: 'r', subjectType: 'POST', subjectId: 'p1', answer: 'Removed, thanks.' }), 'me'))
      .toEqual({ actor: 'Bunnybook', text: 'answered your report: “Removed, thanks.”', href: '/notifications' });
  });

  it('leads a like to the post', () => {
    expect(notificationText(of('NEW_LIKE', { byId: 'a', byUsername: 'ada', postId: 'p1' }), 'me'))
      .toEqual({ actor: 'ada', text: 'likes your post', href: '/posts/p1' });
  });
});

import { describe, expect, it } from 'vitest';
import { Subject, filter, map } from 'rxjs';
import { BadgeStore, titleFor } from './BadgeStore';

function pushes() {
  const all = new Subject<{ event: string; data: unknown }>();
  return {
    push: (event: string, data: unknown) => all.next({ event, data }),
    on: <T,>(event: string) => all.pipe(filter((p) => p.event === event), map((p) => p.data as T)),
  };
}

describe('BadgeStore', () => {
  it('counts what the server pushes and shows it in the tab title', () => {
    const source = pushes();
    const badges = new BadgeStore();
    const titles: string[] = [];
    badges.title$.subscribe((t) => titles.push(t));
    badges.listen(source);

    source.push('unread_notifications_count', 2);
    source.push('new_unread_notification', { id: 'n3' });
    source.push('unread_conversations_ids', ['c1']);

    expect(badges.value).toEqual({ unreadNotifications: 3, unreadConversationIds: ['c1'] });
    expect(titles.at(-1)).toBe('(4) Bunnybook');
  });

  it('takes the count the server pushes after a marking, and stops listening when told', () => {
    const source = pushes();
    const badges = new BadgeStore();
    const listening = badges.listen(source);
    source.push('unread_notifications_count', 2);
    source.push('unread_notifications_count', 0);
    expect(badges.value.unreadNotifications).toBe(0);

    listening.unsubscribe();
    source.push('unread_notifications_count', 7);
    expect(badges.value.unreadNotifications).toBe(0);
  });

  it('titles the tab without a count when nothing is unread', () => {
    expect(titleFor(0)).toBe('Bunnybook');
    expect(titleFor(12)).toBe('(12) Bunnybook');
  });
});

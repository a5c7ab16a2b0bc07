import { http } from '../api/http';
import { olderThan } from '../api/paging';
import type { Notification } from '../api/types';
import type { NotificationApi } from './NotificationList';

/** The notification endpoints of the member `me` (NotificationController). */
export const notificationApi = (me: string): NotificationApi => ({
  page: (last, limit) =>
    http.get<Notification[]>(`/profiles/${me}/notifications`, { ...olderThan(last), limit }),
  mark: (ids, visited) =>
    http.patch<Notification[]>(`/profiles/${me}/notifications`, ids, visited ? { read: true, visited: true } : { read: true }),
});

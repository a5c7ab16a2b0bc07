import { http } from '../api/http';
import { olderThan } from '../api/paging';
import type { Notification } from '../api/types';
import type { NotificationApi } from './NotificationList';

/** The notification endpoints of the member `me` (NotificationController). */
export const notificationApi = (me: string): NotificationApi => ({
  page: (last, limit) =>
    http.get<Notification[]>(`/profiles/${me}/notifications`, { ...olderThan(last), limit }),
  open: (id) => http.patch<Notification[]>(`/profiles/${me}/notifications`, [id], { read: true, visited: true }),
  markAllRead: () => http.post<unknown>(`/profiles/${me}/notifications/read`).then(() => undefined),
});

import { Store } from '../lib/store';
import { describe } from '../api/ApiError';
import type { Report, ReportStatus } from './reportApi';

export interface ModerationQueueState {
  status: ReportStatus;
  reports: Report[];
  /** A full page came last: there may be older reports. */
  more: boolean;
  loading: boolean;
  error: string | null;
  /** The report being worked on; null until one is chosen. */
  chosen: Report | null;
}

export interface ModerationApi {
  queue(status: ReportStatus, olderThan?: string, olderThanId?: string, limit?: number): Promise<Report[]>;
  hide(id: string): Promise<Report>;
  answer(id: string, answer: string): Promise<Report>;
}

/**
 * The moderation queue: open or closed reports, newest first, page after page; the chosen one is hidden or answered
 * and the list shows it changed (an answered report leaves the open queue). Pages about a filter no longer chosen are
 * dropped. A refused hide or answer throws, for the control that ran it to say why.
 */
export class ModerationQueue extends Store<ModerationQueueState> {
  constructor(private readonly api: ModerationApi, private readonly pageSize = 10) {
    super({ status: 'OPEN', reports: [], more: false, loading: false, error: null, chosen: null });
  }

  async show(status: ReportStatus): Promise<void> {
    this.set({ status, reports: [], more: false, loading: true, error: null, chosen: null });
    await this.load(status, []);
  }

  async loadMore(): Promise<void> {
    const { status, reports } = this.value;
    this.update((s) => ({ ...s, loading: true, error: null }));
    await this.load(status, reports);
  }

  choose(report: Report | null): void {
    this.update((s) => ({ ...s, chosen: report }));
  }

  async hide(id: string): Promise<void> {
    this.changed(await this.api.hide(id));
  }

  async answer(id: string, answer: string): Promise<void> {
    this.changed(await this.api.answer(id, answer.trim()));
  }

  private async load(status: ReportStatus, before: Report[]): Promise<void> {
    const last = before[before.length - 1];
    try {
      const page = await this.api.queue(status, last?.filedAt, last?.id, this.pageSize);
      if (this.value.status !== status) return;
      this.update((s) => ({ ...s, reports: [...before, ...page], more: page.length === this.pageSize, loading: false }));
    } catch (e) {
      if (this.value.status !== status) return;
      this.update((s) => ({ ...s, loading: false, error: describe(e) }));
    }
  }

  /** The report as the server answered it; one that no longer fits the filter leaves the list but stays chosen. */
  private changed(report: Report): void {
    this.update((s) => ({
      ...s,
      reports: s.reports.flatMap((r) => (r.id !== report.id ? [r] : report.status === s.status ? [report] : [])),
      chosen: s.chosen?.id === report.id ? report : s.chosen,
    }));
  }
}

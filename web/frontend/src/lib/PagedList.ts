import { Store } from './store';
import { LatestAsk } from './LatestAsk';
import { describe } from '../api/ApiError';

export interface Page<T> {
  items: T[];
  loading: boolean;
  /** The last page came back short: there is nothing more to load. */
  exhausted: boolean;
  error: string | null;
}

/**
 * A keyset-paged list (walls, feed, comments, friends, notifications, chat history): each page is asked for with
 * the last item seen (`older_than`, `username_gt`, …), so pages never skip or repeat. Items pushed in real time or
 * made by the member are added with `prepend`, removed with `remove`, and never listed twice.
 */
export class PagedList<T> extends Store<Page<T>> {
  /** A page asked for before a reload is dropped instead of mixed into the new list. */
  private readonly pages = new LatestAsk();

  constructor(
    private readonly fetchPage: (after: T | null, limit: number) => Promise<T[]>,
    private readonly keyOf: (item: T) => string,
    private readonly limit = 10,
  ) {
    super({ items: [], loading: false, exhausted: false, error: null });
  }

  async loadMore(): Promise<void> {
    const current = this.value;
    if (current.loading || current.exhausted) return;
    const wanted = this.pages.ask();
    this.update((page) => ({ ...page, loading: true, error: null }));
    try {
      const items = await this.fetchPage(current.items.at(-1) ?? null, this.limit);
      if (!wanted()) return;
      this.update((page) => ({
        items: this.unique([...page.items, ...items]),
        loading: false,
        exhausted: items.length < this.limit,
        error: null,
      }));
    } catch (e) {
      if (!wanted()) return;
      this.update((page) => ({ ...page, loading: false, error: describe(e) }));
    }
  }

  /** Starts again from the first page. */
  reload(): Promise<void> {
    this.pages.forget();
    this.set({ items: [], loading: false, exhausted: false, error: null });
    return this.loadMore();
  }

  /** Adds an item at the top, or where `order` puts it among those loaded. */
  prepend(item: T, order?: (a: T, b: T) => number): void {
    this.update((page) => {
      const items = this.unique([item, ...page.items]);
      return { ...page, items: order ? items.sort(order) : items };
    });
  }

  replace(item: T): void {
    const key = this.keyOf(item);
    this.update((page) => ({ ...page, items: page.items.map((i) => (this.keyOf(i) === key ? item : i)) }));
  }

  remove(key: string): void {
    this.update((page) => ({ ...page, items: page.items.filter((i) => this.keyOf(i) !== key) }));
  }

  private unique(items: T[]): T[] {
    const seen = new Set<string>();
    return items.filter((item) => {
      const key = this.keyOf(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}

import { describe, expect, it, vi } from 'vitest';
import { PagedList } from './PagedList';
import { ApiError } from '../api/ApiError';

interface Item { id: string; at: number }
const items = (from: number, count: number): Item[] =>
  Array.from({ length: count }, (_, i) => ({ id: `i${from - i}`, at: from - i }));

describe('PagedList', () => {
  it('asks each page after the last item seen and stops after a short page', async () => {
    const fetchPage = vi.fn(async (after: Item | null, limit: number) => items(after ? after.at - 1 : 25, Math.min(limit, after ? after.at - 1 : 25)));
    const list = new PagedList<Item>(fetchPage, (i) => i.id, 10);
    await list.loadMore();
    await list.loadMore();
    await list.loadMore();
    await list.loadMore();

    expect(fetchPage.mock.calls.map(([after]) => after?.id ?? null)).toEqual([null, 'i16', 'i6']);
    expect(list.value.items.map((i) => i.at)).toEqual(items(25, 25).map((i) => i.at));
    expect(list.value.exhausted).toBe(true);
  });

  it('never lists an item twice, whether pushed live or paged', async () => {
    const list = new PagedList<Item>(async () => items(3, 3), (i) => i.id, 10);
    list.prepend({ id: 'i3', at: 3 });
    await list.loadMore();
    list.prepend({ id: 'i4', at: 4 });
    list.prepend({ id: 'i4', at: 4 });
    expect(list.value.items.map((i) => i.id)).toEqual(['i4', 'i3', 'i2', 'i1']);
    list.remove('i2');
    list.replace({ id: 'i1', at: 100 });
    expect(list.value.items).toEqual([{ id: 'i4', at: 4 }, { id: 'i3', at: 3 }, { id: 'i1', at: 100 }]);
  });

  it('keeps what it has and says what went wrong when a page fails, then tries again', async () => {
    const fetchPage = vi.fn()
      .mockResolvedValueOnce(items(30, 10))
      .mockRejectedValueOnce(new ApiError(503, 'The server is busy: try again in a moment.'))
      .mockResolvedValueOnce(items(20, 2));
    const list = new PagedList<Item>(fetchPage, (i) => i.id, 10);
    await list.loadMore();
    await list.loadMore();
    expect(list.value).toMatchObject({ loading: false, exhausted: false, error: 'The server is busy: try again in a moment.' });
    expect(list.value.items).toHaveLength(10);
    await list.loadMore();
    expect(list.value).toMatchObject({ error: null, exhausted: true });
    expect(list.value.items).toHaveLength(12);
  });

  it('drops a page asked for before a reload, which answers for the list as it was', async () => {
    let answerStale: (page: Item[]) => void = () => undefined;
    const fetchPage = vi.fn()
      .mockResolvedValueOnce(items(30, 10))
      .mockReturnValueOnce(new Promise<Item[]>((resolve) => (answerStale = resolve)))
      .mockResolvedValueOnce(items(40, 3));
    const list = new PagedList<Item>(fetchPage, (i) => i.id, 10);
    await list.loadMore();
    const stale = list.loadMore();
    await list.reload();
    answerStale(items(20, 10));
    await stale;

    expect(list.value.items.map((i) => i.at)).toEqual([40, 39, 38]);
    expect(list.value).toMatchObject({ loading: false, exhausted: true });
  });
});

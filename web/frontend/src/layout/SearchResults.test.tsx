// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Profile } from '../api/types';
import type { SearchResult } from './ProfileSearch';
import { SearchResults } from './SearchResults';

const found = (query: string, ...profiles: Profile[]): SearchResult => ({ query, profiles, searching: false, error: null });

function show(result: SearchResult, text: string, onRetry = () => undefined) {
  return render(
    <SearchResults result={result} text={text} onRetry={onRetry}>
      {(profiles) => profiles.map((p) => <button key={p.id} type="button">{p.username}</button>)}
    </SearchResults>,
  );
}

describe('SearchResults', () => {
  afterEach(cleanup);

  it('shows the profiles found the caller’s way', () => {
    show(found('haz', { id: '1', username: 'hazel' }, { id: '2', username: 'hazelnut' }), 'haz');
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['hazel', 'hazelnut']);
    expect(screen.queryByText('No bunny called that')).toBeNull();
  });

  it('says "Searching…" while the server is asked', () => {
    show({ query: 'haz', profiles: [], searching: true, error: null }, 'haz');
    expect(screen.getByText('Searching…')).toBeTruthy();
    expect(screen.queryByText('No bunny called that')).toBeNull();
  });

  it('says nobody is called that only once the text typed has its answer', () => {
    show(found('haz'), 'haze');
    expect(screen.queryByText('No bunny called that')).toBeNull();
    cleanup();
    show(found('haze'), ' haze ');
    expect(screen.getByText('No bunny called that')).toBeTruthy();
    cleanup();
    show(found(''), '');
    expect(screen.queryByText('No bunny called that')).toBeNull();
  });

  it('tells a failed search and offers to try again', () => {
    const retry = vi.fn();
    show({ query: 'haz', profiles: [], searching: false, error: 'Search failed: try again.' }, 'haz', retry);
    expect(screen.getByRole('alert').textContent).toBe('Search failed: try again.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledOnce();
    expect(screen.queryByText('No bunny called that')).toBeNull();
  });
});

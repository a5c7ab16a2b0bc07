// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes, useNavigate, type NavigateFunction } from 'react-router';
import { CrashBoundary } from './CrashBoundary';

function Broken(): never {
  throw new Error('a bug');
}

describe('CrashBoundary', () => {
  afterEach(cleanup);

  it('shows the crash in place of what broke, and lets go once the member goes to another page', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the error it caught
    let navigate: NavigateFunction = () => undefined;
    function Pages() {
      navigate = useNavigate();
      return (
        <CrashBoundary>
          <Routes>
            <Route path="/broken" element={<Broken />} />
            <Route path="/" element={<p>Your feed</p>} />
          </Routes>
        </CrashBoundary>
      );
    }
    render(<MemoryRouter initialEntries={['/broken']}><Pages /></MemoryRouter>);
    expect(screen.getByRole('heading', { name: 'This page tripped over a carrot' })).toBeTruthy();

    act(() => void navigate('/'));
    expect(screen.getByText('Your feed')).toBeTruthy();
    vi.restoreAllMocks();
  });
});

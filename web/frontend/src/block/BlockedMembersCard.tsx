import { useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import { useObservable } from '../lib/useObservable';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { Time } from '../ui/Time';
import { blocksApi, type BlockedMember } from './blocksApi';
import { MyBlocks } from './MyBlocks';

/** The members the member blocks, on the Settings page, each with "Unblock". */
export function BlockedMembersCard({ me }: { me: string }) {
  const mine = useMemo(() => new MyBlocks(blocksApi, me), [me]);
  const { blocks, loading, error } = useObservable(mine.state$, mine.value);
  useEffect(() => void mine.load(), [mine]);
  return (
    <section className="card stack" aria-labelledby="blocks-title">
      <h2 id="blocks-title">Bunnies you block</h2>
      {loading && <p className="muted">Loading…</p>}
      <ErrorNote error={error && `Your blocks could not be read: ${error}`} />
      {!loading && !error && blocks.length === 0 && <p className="muted">You block nobody.</p>}
      <ul className="stack" aria-label="Blocked bunnies">
        {blocks.map((blocked) => <BlockedRow key={blocked.id} blocked={blocked} mine={mine} />)}
      </ul>
    </section>
  );
}

function BlockedRow({ blocked, mine }: { blocked: BlockedMember; mine: MyBlocks }) {
  const unblock = useAction(() => mine.unblock(blocked.id));
  return (
    <li className="row" data-testid="blocked-member">
      <Link to={`/profiles/${blocked.id}`}>{blocked.username}</Link>
      <span className="muted">since <Time at={blocked.blockedAt} /></span>
      <button type="button" className="link" disabled={unblock.busy} onClick={() => void unblock.run()}>
        Unblock
      </button>
      <ErrorNote error={unblock.error} />
    </li>
  );
}

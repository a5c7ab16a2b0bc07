-- A page of a member's home feed in one round trip: the newest entries of their live timeline (see feed-timelines.lua)
-- below a bound, with each post as the posts cache holds it, and the member's blocks (runs after generations.lua and
-- cached-posts.lua).
-- ARGV: member, before (a lexical bound), limit.
-- Answers nothing when the timelines cannot be trusted: lost, or being rebuilt from nothing (the marker reads
-- "rebuilding since ..." until FeedTimelines finds the replay over). Else { version, marker, the timeline's count of
-- changes, the blocks' count of changes (where the page was read: a node keeps a copy of the page with them, see
-- FeedPages), floor, number of blocks (false when they are not kept: ask PostgreSQL), blocks..., entries..., then three
-- values per entry as append_cached_posts gives them }.

local member, before, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
local version = redis.call('GET', 'feed.live') or 'feed'
local marker = redis.call('GET', version .. ':timelines')
if not marker or string.sub(marker, 1, 5) ~= 'kept ' then return {} end
local set = version .. ':timeline:' .. member
local blocks = version .. ':blocks:' .. member
local changes = redis.call('MGET', set .. ':changes', blocks .. ':changes', version .. ':blocks-kept')
local timeline_changes, blocks_changes, blocks_kept = changes[1] or '0', changes[2] or '0', changes[3]
local entries = redis.call('ZREVRANGEBYLEX', set, before, '-', 'LIMIT', 0, limit)
local answer = { version, marker, timeline_changes, blocks_changes, redis.call('GET', set .. ':floor') or '', false }
if blocks_kept then
  local blocked = redis.call('SMEMBERS', blocks)
  answer[6] = tostring(#blocked)
  for _, entry in ipairs(blocked) do table.insert(answer, entry) end
end
local posts = {}
for i, entry in ipairs(entries) do
  table.insert(answer, entry)
  posts[i] = string.sub(entry, 17) -- after "<15 digits>:"
end
return append_cached_posts(member, posts, answer)

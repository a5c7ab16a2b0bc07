-- A page of a member's home feed in one round trip: the newest entries of their live timeline (see feed-timelines.lua)
-- below a bound, with each post as the posts cache holds it, and the member's blocks (runs after generations.lua and
-- cached-posts.lua).
-- ARGV: member, before (a lexical bound), limit.
-- Answers { floor, number of blocks (false when they are not kept: ask PostgreSQL), blocks..., entries..., then three
-- values per entry as append_cached_posts gives them }, or nothing when the timelines cannot be trusted: lost, or
-- being rebuilt from nothing (the marker reads "rebuilding since ..." until FeedTimelines finds the replay over).

local member, before, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
local version = redis.call('GET', 'feed.live') or 'feed'
local marker = redis.call('GET', version .. ':timelines')
if not marker or string.sub(marker, 1, 5) ~= 'kept ' then return {} end
local set = version .. ':timeline:' .. member
local entries = redis.call('ZREVRANGEBYLEX', set, before, '-', 'LIMIT', 0, limit)
local answer = { redis.call('GET', set .. ':floor') or '', false }
if redis.call('EXISTS', version .. ':blocks-kept') == 1 then
  local blocked = redis.call('SMEMBERS', version .. ':blocks:' .. member)
  answer[2] = tostring(#blocked)
  for _, entry in ipairs(blocked) do table.insert(answer, entry) end
end
local posts = {}
for i, entry in ipairs(entries) do
  table.insert(answer, entry)
  posts[i] = string.sub(entry, 17) -- after "<15 digits>:"
end
return append_cached_posts(member, posts, answer)

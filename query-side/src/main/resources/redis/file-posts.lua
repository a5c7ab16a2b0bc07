-- Files posts loaded from PostgreSQL into the posts cache (see cached-posts.lua), in one round trip.
-- ARGV: time to live in ms, then per post: its key, its JSON, the number of members who like it, those members.

local ttl = ARGV[1]
local i = 2
while i <= #ARGV do
  local key, view, likers = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  redis.call('DEL', key) -- a reader that loaded the same generation meanwhile filed the same post
  redis.call('HSET', key, 'view', view)
  -- in slices: unpack() of a very liked post's every liker would overflow Lua's stack
  for from = i + 3, i + 2 + likers, 500 do
    local fields = {}
    for j = from, math.min(from + 499, i + 2 + likers) do
      table.insert(fields, ARGV[j])
      table.insert(fields, '1')
    end
    redis.call('HSET', key, unpack(fields))
  end
  redis.call('PEXPIRE', key, ttl)
  i = i + 3 + likers
end
return {}

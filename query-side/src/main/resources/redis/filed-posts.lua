-- Posts filed in the posts cache (see cached-posts.lua) under these keys, with every member who likes them.
-- ARGV: keys... Answers per key: its JSON (false when not cached), the number of likers, the likers.

local answer = {}
for _, key in ipairs(ARGV) do
  local fields = redis.call('HGETALL', key)
  local view, likers = false, {}
  for i = 1, #fields, 2 do
    if fields[i] == 'view' then view = fields[i + 1] else table.insert(likers, fields[i]) end
  end
  table.insert(answer, view)
  table.insert(answer, tostring(#likers))
  for _, liker in ipairs(likers) do table.insert(answer, liker) end
end
return answer

-- Finds a cached value and the key it is filed under, in one round trip (see GenerationalCache); runs after
-- generations.lua. ARGV: namespace, name, subjects... The value is filed under the generations of all the subjects.
-- Answers the key and the value; the key is false while a subject is held (changing), the value false when not cached.

local namespace, name = ARGV[1], ARGV[2]
local generations = {}
for i = 3, #ARGV do
  generations[i - 2] = generation_of(namespace, ARGV[i])
  if not generations[i - 2] then return { false, false } end
end

local key = namespace .. ':' .. name .. ':' .. table.concat(generations, ':')
return { key, redis.call('GET', key) or false }

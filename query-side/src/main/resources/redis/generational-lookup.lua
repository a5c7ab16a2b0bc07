-- Finds a cached value and the key it is filed under, in one round trip (see GenerationalCache); runs after
-- generations.lua. ARGV: namespace, name, subjects... The value is filed under the generations of all the subjects.
-- Answers the key and the value; the key is false while a subject is held (changing), the value false when not cached.

local namespace, name = ARGV[1], ARGV[2]
local subjects = {}
for i = 3, #ARGV do subjects[i - 2] = ARGV[i] end
local generations = generations_of(namespace, subjects)
for i = 1, #generations do
  if not generations[i] then return { false, false } end
end

local key = namespace .. ':' .. name .. ':' .. table.concat(generations, ':')
return { key, redis.call('GET', key) or false }

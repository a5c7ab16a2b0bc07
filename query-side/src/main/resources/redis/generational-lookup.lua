-- Finds cached values and the keys they are filed under, in one round trip (see GenerationalCache); runs after
-- generations.lua. ARGV: namespace, name, subjects... With a name: one value filed under the generations of all the
-- subjects. With an empty name: one value per subject, filed under its own generation.
-- Answers key, value pairs; a key is false while its subject is held (changing), a value false when not cached.

local namespace, name = ARGV[1], ARGV[2]
local generations = {}
local held = false
for i = 3, #ARGV do
  generations[i - 2] = generation_of(namespace, ARGV[i])
  held = held or not generations[i - 2]
end

if name ~= '' then
  if held then return { false, false } end
  local key = namespace .. ':' .. name .. ':' .. table.concat(generations, ':')
  return { key, redis.call('GET', key) or false }
end

local answer = {}
for i = 3, #ARGV do
  local generation = generations[i - 2]
  if generation then
    local key = namespace .. ':' .. ARGV[i] .. ':' .. generation
    table.insert(answer, key)
    table.insert(answer, redis.call('GET', key) or false)
  else
    table.insert(answer, false)
    table.insert(answer, false)
  end
end
return answer

-- The generations of GenerationalCache, for scripts that read cached values themselves. A subject's values are filed
-- under "<namespace>:<subject>:<generation>" (or, for a value about several subjects, "<namespace>:<name>:<their
-- generations>"); the generation is "<namespace>:generation:<subject>" (missing: 0), and while
-- "<namespace>:holds:<subject>" is above 0 the subject is being changed and no value about it may be read. Every
-- subject also stands under the namespace's own subject "*": its generation is part of every other one, so moving it
-- on retires every value at once (as a read model's tables are swapped for a rebuilt copy), and holding it holds all.

-- the namespace's generation, or false while it is held; looked up once per namespace and script
local everything = {}
local function generation_of_everything(namespace)
  local generation = everything[namespace]
  if generation == nil then
    if tonumber(redis.call('GET', namespace .. ':holds:*') or '0') > 0 then
      generation = false
    else
      generation = redis.call('GET', namespace .. ':generation:*') or '0'
    end
    everything[namespace] = generation
  end
  return generation
end

-- the subject's current generation, or false while it is held
local function generation_of(namespace, subject)
  local all = generation_of_everything(namespace)
  if not all or tonumber(redis.call('GET', namespace .. ':holds:' .. subject) or '0') > 0 then
    return false
  end
  return all .. '.' .. (redis.call('GET', namespace .. ':generation:' .. subject) or '0')
end

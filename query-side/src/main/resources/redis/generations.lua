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

-- the current generations of these subjects, in their order, each false while it is held: the two keys of every
-- subject read in one MGET, not two GETs each (a feed page's ten posts took 20 of the script's 38 calls inside Redis:
-- docs/performance.md, "HTTP reads against a warm floor"). Callers pass a page of posts at most (unpack's bound is
-- some thousands of values).
local function generations_of(namespace, subjects)
  local generations = {}
  if #subjects == 0 then return generations end
  local all = generation_of_everything(namespace)
  if not all then
    for i = 1, #subjects do generations[i] = false end
    return generations
  end
  local keys = {}
  for i, subject in ipairs(subjects) do
    keys[2 * i - 1] = namespace .. ':holds:' .. subject
    keys[2 * i] = namespace .. ':generation:' .. subject
  end
  local values = redis.call('MGET', unpack(keys))
  for i = 1, #subjects do
    if tonumber(values[2 * i - 1] or '0') > 0 then
      generations[i] = false
    else
      generations[i] = all .. '.' .. (values[2 * i] or '0')
    end
  end
  return generations
end

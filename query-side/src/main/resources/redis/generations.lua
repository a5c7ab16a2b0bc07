-- The generations of GenerationalCache, for scripts that read cached values themselves. A subject's values are filed
-- under "<namespace>:<subject>:<generation>" (or, for a value about several subjects, "<namespace>:<name>:<their
-- generations>"); the generation is "<namespace>:generation:<subject>" (missing: 0), and while
-- "<namespace>:holds:<subject>" is above 0 the subject is being changed and no value about it may be read.

-- the subject's current generation, or false while it is held
local function generation_of(namespace, subject)
  if tonumber(redis.call('GET', namespace .. ':holds:' .. subject) or '0') > 0 then
    return false
  end
  return redis.call('GET', namespace .. ':generation:' .. subject) or '0'
end

-- Feed timelines: per member, the newest posts on their own wall and their friends' walls; per wall, its newest
-- posts; per member, their friends. Kept by the feed-cache projection from events alone, never from another read
-- model, so it needs no other projection to be up to date. Pages are read by feed-page.lua.
--
-- An entry is "<created at, ms, 15 digits>:<post id>" and every score is 0, so lexical order is (time, id) order,
-- exactly the order PostgreSQL pages by. A set keeps its newest `cap` entries; its floor (key "<set>:floor") is the
-- highest entry it ever dropped: the set holds every true entry above its floor and none at or below it (no floor
-- key when it never dropped one). Timelines are trusted only while "<version>:timelines" exists: it is written when
-- the projection starts from nothing, so Redis losing its data sends every reader to PostgreSQL.
--
-- Timelines and blocks count the changes made to them ("<set>:changes", missing: none): a node keeps a copy of a page
-- it served, and serves it again while the reader's timeline's and blocks' counts (and the posts' generations) are
-- what they were when the page was read (FeedTimelines asks), so every change to a timeline, its floor or a member's
-- blocks is counted here, where it is made. Only what changes a set counts: a change applied again that finds it as
-- it leaves it counts nothing (a batch applied again may count again what it undoes and redoes, which only costs a
-- copy being read anew).
--
-- Every key is under a version's name (FeedVersions): the live one's is "feed.live" ("feed" when absent); a rebuild's
-- copy, built beside it, is named in the hash "feed.rebuild" (field "version") until it is swapped in.
--
-- Per member, the blocks across which their feed must show nothing ("<version>:blocks:<member>"): ">other" for a
-- member they block, "<other" for one who blocks them (two entries, so that lifting one of two blocks leaves the
-- other). Kept here too so that a feed page reads them in its own round trip; trusted only while
-- "<version>:blocks-kept" exists, which is written with "<version>:timelines" when the projection starts from nothing:
-- timelines kept before blocks were kept here, or a Redis that lost its data, send the page to PostgreSQL for the
-- reader's blocks.
--
-- Each call runs atomically inside Redis, so handlers running concurrently in different segments commute. A call
-- applies a processor batch's changes in their order (one round trip for the batch); each change is idempotent, so a
-- batch applied again after a failure leaves the same sets. The keys of friends' timelines are found inside the
-- script: this needs one Redis, not a cluster.
-- ARGV: cap, "live" or "copy" (the version written), then the changes one after another, each an operation followed
-- by its arguments.

local cap = tonumber(ARGV[1])
local ARGUMENTS = { post = 2, delete = 2, befriend = 2, unfriend = 2, block = 2, unblock = 2, erase = 1, start = 1 }

local version
if ARGV[2] == 'copy' then
  -- a rebuild's processor writes its copy until it is swapped in. After, it writes nothing: run again when a switch
  -- that swapped Redis failed in PostgreSQL, it handles events the live processor, keeping its own position, handles
  -- too. With no copy at all (Redis lost it), nothing either, rather than parking every event: the switch cannot
  -- swap a copy that is gone, and the rebuild is cancelled or started again.
  local copy = redis.call('HMGET', 'feed.rebuild', 'version', 'swapped')
  if not copy[1] or copy[2] ~= '0' then return {} end
  version = copy[1]
else
  version = redis.call('GET', 'feed.live') or 'feed'
end

local function wall(member) return version .. ':wall:' .. member end
local function timeline(member) return version .. ':timeline:' .. member end
local function friends(member) return version .. ':friends:' .. member end
local function blocks(member) return version .. ':blocks:' .. member end
local function floor(set) return redis.call('GET', set .. ':floor') or '' end
-- counts a change to a timeline or a blocks set, if there was one (see the header)
local function count(set, changed)
  if changed then redis.call('INCR', set .. ':changes') end
end

-- drops every entry at or below `to` and remembers that nothing there is known any more; true if it dropped any
local function raise(set, to)
  if to > floor(set) then
    redis.call('ZREMRANGEBYLEX', set, '-', '[' .. to)
    redis.call('SET', set .. ':floor', to)
    return true
  end
  return false
end

-- true if the set changed
local function add(set, entry)
  if entry <= floor(set) then return false end
  local changed = redis.call('ZADD', set, 0, entry) == 1
  local excess = redis.call('ZCARD', set) - cap
  if excess > 0 then
    changed = raise(set, redis.call('ZRANGE', set, excess - 1, excess - 1)[1]) or changed
  end
  return changed
end

local function readers(owner)
  local members = redis.call('SMEMBERS', friends(owner))
  table.insert(members, owner)
  return members
end

-- the wall's entries join the timeline: the timeline now knows only what both knew; true if it changed
local function merge(source, target)
  local known = floor(source) > floor(target) and floor(source) or floor(target)
  local changed = raise(target, known)
  for _, entry in ipairs(redis.call('ZRANGEBYLEX', source, known == '' and '-' or '(' .. known, '+')) do
    changed = add(target, entry) or changed
  end
  return changed
end

-- the wall's entries leave the timeline, and so does everything the wall no longer knows about; true if it changed
local function unmerge(source, target)
  local removed = 0
  for _, entry in ipairs(redis.call('ZRANGE', source, 0, -1)) do
    removed = removed + redis.call('ZREM', target, entry)
  end
  return raise(target, floor(source)) or removed > 0
end

-- true if the post was in the set
local function forget(set, post)
  for _, entry in ipairs(redis.call('ZRANGE', set, 0, -1)) do
    if string.sub(entry, -#post) == post then
      redis.call('ZREM', set, entry)
      return true
    end
  end
  return false
end

local function block(member, entry)
  count(blocks(member), redis.call('SADD', blocks(member), entry) == 1)
end

local function unblock(member, entry)
  count(blocks(member), redis.call('SREM', blocks(member), entry) == 1)
end

local function apply(operation, x, y)
  if operation == 'post' then
    local owner, entry = x, y
    add(wall(owner), entry)
    for _, reader in ipairs(readers(owner)) do count(timeline(reader), add(timeline(reader), entry)) end
  elseif operation == 'delete' then
    local owner, post = x, y
    forget(wall(owner), post)
    for _, reader in ipairs(readers(owner)) do count(timeline(reader), forget(timeline(reader), post)) end
  elseif operation == 'befriend' then
    local a, b = x, y
    redis.call('SADD', friends(a), b)
    redis.call('SADD', friends(b), a)
    count(timeline(a), merge(wall(b), timeline(a)))
    count(timeline(b), merge(wall(a), timeline(b)))
  elseif operation == 'unfriend' then
    local a, b = x, y
    redis.call('SREM', friends(a), b)
    redis.call('SREM', friends(b), a)
    count(timeline(a), unmerge(wall(b), timeline(a)))
    count(timeline(b), unmerge(wall(a), timeline(b)))
  elseif operation == 'block' then
    local blocker, blocked = x, y
    block(blocker, '>' .. blocked)
    block(blocked, '<' .. blocker)
  elseif operation == 'unblock' then
    local blocker, blocked = x, y
    unblock(blocker, '>' .. blocked)
    unblock(blocked, '<' .. blocker)
  elseif operation == 'erase' then
    -- an erased member blocks nobody and is blocked by nobody: each of their entries leaves the other member's set too
    local member = x
    for _, entry in ipairs(redis.call('SMEMBERS', blocks(member))) do
      unblock(string.sub(entry, 2), (string.sub(entry, 1, 1) == '>' and '<' or '>') .. member)
    end
    count(blocks(member), redis.call('DEL', blocks(member)) == 1)
  elseif operation == 'start' then
    redis.call('SET', version .. ':timelines', 'kept since ' .. x)
    redis.call('SET', version .. ':blocks-kept', 'from the start of history')
  end
end

-- every change is checked before any is applied: Redis keeps what a failing script wrote before it failed
local changes, at = {}, 3
while at <= #ARGV do
  local operation = ARGV[at]
  local arguments = ARGUMENTS[operation]
  if not arguments then
    return redis.error_reply('unknown operation ' .. operation)
  end
  if at + arguments > #ARGV then
    return redis.error_reply(operation .. ' needs ' .. arguments .. ' arguments')
  end
  table.insert(changes, at)
  at = at + 1 + arguments
end
for _, change in ipairs(changes) do
  apply(ARGV[change], ARGV[change + 1], ARGV[change + 2])
end
return {}

-- Posts as everyone sees them, cached under the generations of the "posts" namespace (runs after generations.lua):
-- each is a hash at "posts:<post>:<generation>:with-likers" holding the post's JSON in the field "view" and one
-- field per member who likes it, so that a reader's own like is answered with the post, in the same round trip. A
-- like or an unlike moves the post's generation on, like any other change (see WallProjection).

-- where a post is filed under a generation of it (CachedPosts.keyOf says it in Java)
local function cached_post_key(post, generation)
  return 'posts:' .. post .. ':' .. generation .. ':with-likers'
end

-- appends, for each post, its key (false while held), its JSON (false when not cached) and "1" if the viewer likes
-- it (else false); viewer is "" for anonymous readers
local function append_cached_posts(viewer, posts, answer)
  local generations = generations_of('posts', posts)
  for i, post in ipairs(posts) do
    local generation = generations[i]
    if generation then
      local key = cached_post_key(post, generation)
      local found = redis.call('HMGET', key, 'view', viewer == '' and 'view' or viewer)
      table.insert(answer, key)
      table.insert(answer, found[1] or false)
      table.insert(answer, (viewer ~= '' and found[2]) and '1' or false)
    else
      table.insert(answer, false)
      table.insert(answer, false)
      table.insert(answer, false)
    end
  end
  return answer
end

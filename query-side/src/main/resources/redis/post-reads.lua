-- Reads posts from the posts cache (runs after generations.lua and cached-posts.lua).
-- ARGV: viewer ("" for anonymous), posts... Answers three values per post, as append_cached_posts does.

local posts = {}
for i = 2, #ARGV do posts[i - 1] = ARGV[i] end
return append_cached_posts(ARGV[1], posts, {})

-- wrk -s bench/new_queries.lua URL-ending-in-?q=word: every request asks for a query no request asked before
-- (the word in another mix of capitals, then with more spaces after it), which finds what the word finds,
-- so that no kept search page can answer it: each request is searched and rendered.
local threads = 0

function setup(thread)
    thread:set("id", threads)
    threads = threads + 1
end

local base, word = wrk.path:match("^(.-q=)(%a+)$")
local count = 0

function request()
    local n = id + 64 * count -- at most 64 threads, none asking what another does
    count = count + 1
    local variants = 2 ^ #word
    local letters = {}
    for i = 1, #word do
        local letter = word:sub(i, i)
        letters[i] = math.floor(n / 2 ^ (i - 1)) % 2 == 1 and letter:upper() or letter
    end
    local spaces = string.rep("%20", math.floor(n / variants))
    return wrk.format(nil, base .. table.concat(letters) .. spaces)
end

-- wrk -t2 -c8 -d20s -s benchmarks/peers/ray/hello-post.lua http://127.0.0.1:<port>/hello
-- (wrk itself reports "Non-2xx or 3xx responses" when there are any)
wrk.method = "POST"
wrk.body = '{"name":"Ada"}'
wrk.headers["Content-Type"] = "application/json"

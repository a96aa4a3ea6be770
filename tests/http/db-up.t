# /healthz answers 200 when the database answers; after the database was
# restarted too, on every worker thread (old connections reconnect).
repeat 8
GET /healthz
expect status 200
expect body ~ ok
end

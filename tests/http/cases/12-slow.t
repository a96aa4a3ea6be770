# Slow clients cannot exhaust the server: with 1,000 connections that
# never finish their request open, a health probe still answers within
# two seconds.
slow-open 1000
GET /healthz
expect status 200
expect time < 2000
slow-close
GET /
expect status 200

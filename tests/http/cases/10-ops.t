# Operations: /healthz, /metrics in Prometheus format (loopback only,
# never through a proxy), the request id.
GET /healthz
expect status 200
expect header Content-Type = text/plain; charset=utf-8
expect body ~ ok

GET /metrics
expect status 200
expect header Content-Type ~ text/plain; version=0.0.4
expect body matches cophub_http_requests_total\{method="GET",route="/",status="200"\} [0-9]+
expect body ~ # TYPE cophub_http_request_duration_seconds histogram
expect body matches cophub_http_request_duration_seconds_bucket\{method="GET",route="/",le="\+Inf"\} [0-9]+
expect body ~ cophub_db_errors_total
expect body ~ cophub_process_resident_memory_bytes
expect body matches route="unmatched",status="404"

GET /metrics
header X-Forwarded-For: 203.0.113.9
expect status 404

# every answer names its request, as the log line does
GET /
capture rid header X-Request-Id ^([0-9a-f]{16})$

# /healthz answers 200 when the database answers.
GET /healthz
expect status 200
expect body ~ ok

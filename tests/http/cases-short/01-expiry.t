# Session timeouts (this server: 3 s idle, 8 s absolute).
login expiry.KE
GET /account
expect status 200
sleep 4
GET /account
expect status 303
expect header Location = /login?next=/account
expect header Set-Cookie ~ cophub_session=;

# kept busy, a session still ends at the absolute limit
cookies clear
login expiry.FR
repeat 3
sleep 2
GET /account
expect status 200
end
sleep 3
GET /account
expect status 303

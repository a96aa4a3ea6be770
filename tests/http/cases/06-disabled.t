# A disabled account: its sessions end (at once when disabled from the
# administration pages, within 250 ms from the command line, which is
# another process), it cannot sign in, and enabling it again lets it back in.
login disabled.KE
GET /account
expect status 200
exec ${cophub} user disable --db '${db}' --username ${user.disabled.KE} >/dev/null
sleep 0.3
GET /account
expect status 303
expect header Location = /login?next=/account
cookies clear
GET /login
POST /login username=${user.disabled.KE}&password=${pass.disabled.KE}&csrf=${csrf}
expect status 401
expect body ~ The username or password is not correct.
exec ${cophub} user enable --db '${db}' --username ${user.disabled.KE} >/dev/null
login disabled.KE
GET /account
expect status 200

# disabling from the administration pages ends the sessions at once
login disabled.FR
capture victim cookie cophub_session
repeat 5
GET /account
expect status 200
end
cookies clear
login admin
POST /admin/users/${id.disabled.FR}/disable csrf=${csrf}
expect status 303
cookies clear
cookie cophub_session=${victim}
GET /account
expect status 303
expect header Location = /login?next=/account
cookies clear
GET /login
POST /login username=${user.disabled.FR}&password=${pass.disabled.FR}&csrf=${csrf}
expect status 401

# The signed-in user's own account: password rules, download my data,
# delete my account.
login pwchange.KE
GET /account/password
expect status 200
expect body ~ autocomplete="new-password"
POST /account/password current_password=${pass.pwchange.KE}&new_password=short&new_password_again=short&csrf=${csrf}
expect status 400
expect body ~ at least 8 characters
POST /account/password current_password=${pass.pwchange.KE}&new_password=password1&new_password_again=password1&csrf=${csrf}
expect status 400
expect body ~ most common passwords
POST /account/password current_password=${pass.pwchange.KE}&new_password=Trustno1&new_password_again=Trustno1&csrf=${csrf}
expect status 400
expect body ~ most common passwords
POST /account/password current_password=${pass.pwchange.KE}&new_password=a+long+enough+phrase&new_password_again=another+long+phrase&csrf=${csrf}
expect status 400
expect body ~ not the same
POST /account/password current_password=wrong&new_password=a+long+enough+phrase&new_password_again=a+long+enough+phrase&csrf=${csrf}
expect status 400
expect body ~ current password is not correct
# 64 characters and more are taken whole (no truncation, no composition rules)
set long aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
POST /account/password current_password=${pass.pwchange.KE}&new_password=${long}1&new_password_again=${long}1&csrf=${csrf}
expect status 303
expect header Location = /account?changed=1
GET /account?changed=1
expect body ~ Your password has been changed.
cookies clear
# the old password no longer works; the new one does, and one character less does not
GET /login
POST /login username=${user.pwchange.KE}&password=${pass.pwchange.KE}&csrf=${csrf}
expect status 401
POST /login username=${user.pwchange.KE}&password=${long}&csrf=${csrf}
expect status 401
POST /login username=${user.pwchange.KE}&password=${long}1&csrf=${csrf}
expect status 303

# download my data: JSON, with no password hash or token in it
GET /account/data
expect status 200
expect header Content-Type = application/json; charset=utf-8
expect header Content-Disposition ~ attachment
expect header Cache-Control = no-store
expect body ~ "username": "${user.pwchange.KE}"
expect body ~ "password_changed"
expect body !~ argon2
expect body !~ ${long}

# delete my account: the password confirms it
cookies clear
login deleteme.KE
POST /account/delete password=wrong&csrf=${csrf}
expect status 400
expect body ~ nothing was deleted
POST /account/delete password=${pass.deleteme.KE}&csrf=${csrf}
expect status 303
expect header Location = /?deleted=1
GET /account
expect status 303
cookies clear
GET /login
POST /login username=${user.deleteme.KE}&password=${pass.deleteme.KE}&csrf=${csrf}
expect status 401
exec ! ${cophub} user show --db '${db}' --username ${user.deleteme.KE} 2>/dev/null

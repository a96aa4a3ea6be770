# Classes: an educator makes a class; children join with its code and a
# generated nickname (nothing else is asked); the educator sees totals per
# topic with counts under five hidden, and deletes the class with all of it.
login trainer.KE
GET /classes
expect status 200
POST /classes name=&csrf=${csrf}
expect status 400
POST /classes name=Class+5B&csrf=${csrf}
expect status 303
GET /classes
capture code body <code>([A-Z0-9]{4}-[A-Z0-9]{4})</code>
capture class body href="/classes/([0-9]+)"
cookies clear

# a wrong code, then the right one typed loosely
POST /play/join code=ZZZZ-ZZZZ
expect status 404
expect body ~ There is no class with this code
POST /play/join code=abc
expect status 400
repeat 5
cookies clear
POST /play/join code=${code}
expect status 200
capture nick body name="nickname" value="([a-z]+-[a-z]+-[0-9]+)"
POST /play/join code=${code}&nickname=${nick}
expect status 303
expect header Set-Cookie ~ cophub_class=
expect header Set-Cookie ~ HttpOnly
POST /play/u9/u9-where-i-live step=start&choice=b
expect status 200
end
# one child answers another topic
POST /play/u9/u9-chat-secret step=start&choice=a
expect status 200
GET /play/join
expect body ~ You are in a class as
# a nickname that was not offered is refused
cookies clear
POST /play/join code=${code}&nickname=real-name-here
expect status 400
# a nickname someone in the class has is refused, in words, and no
# class cookie is set
POST /play/join code=${code}&nickname=${nick}
expect status 409
expect body ~ Someone in your class has this nickname
expect no header Set-Cookie
GET /play/join
expect body !~ You are in a class as

# the educator's report: five children counted, one hidden
cookies clear
login trainer.KE
GET /classes/${class}
expect status 200
expect body matches Keeping things private</td>\s*<td class="num">5</td>\s*<td class="num">5</td>\s*<td class="num">100 %
expect body matches People we meet online</td>\s*<td class="num">fewer than 5</td>

# answers given offline by a child of the class count for the class
cookies clear
POST /play/join code=${code}
capture nick2 body name="nickname" value="([a-z]+-[a-z]+-[0-9]+)"
POST /play/join code=${code}&nickname=${nick2}
expect status 303
POST /play/sync batch=abcdefabcdefabcdefabcdefabcdef01&answers=u9+u9-my-photos+start+a+en+2026-11-20
expect body ~ stored 1
exec ${data}/tests/http/sql '${db}' "SELECT COUNT(*), COUNT(DISTINCT member_id) FROM play_events WHERE class_id = ${class} AND scenario = 'u9-my-photos'" "1|1"

# another educator sees nothing of it
cookies clear
login trainer.FR
GET /classes/${class}
expect status 403
POST /classes/${class}/delete csrf=${csrf}
expect status 403

# deleting the class deletes its members and their answers
cookies clear
login trainer.KE
POST /classes/${class}/delete csrf=${csrf}
expect status 303
GET /classes/${class}
expect status 404
exec ${data}/tests/http/sql '${db}' "SELECT (SELECT COUNT(*) FROM play_events WHERE class_id = ${class}) + (SELECT COUNT(*) FROM class_members WHERE class_id = ${class})" "0"

# The children's area: every band in every language, answering a scenario
# anonymously (no cookie, no identifier), a branching story to its end,
# bad answers refused, and no page that asks another site for anything.

# no cookie at all on the children's pages
GET /play
expect status 200
expect no header Set-Cookie
expect header Cache-Control = no-store
expect body ~ href="/play/u9"
expect body ~ href="/play/9-12"
expect body ~ href="/play/13-18"
expect body !~ ="http
expect body !~ ="//

# each band, in each language; Arabic right to left
GET /play/u9?lang=en
expect status 200
expect body ~ Lumo
GET /play/9-12?lang=fr
expect status 200
expect body ~ <html lang="fr"
GET /play/13-18?lang=ar
expect status 200
expect body ~ dir="rtl"
GET /play/u9?lang=zh
expect body ~ <html lang="zh"
GET /play/9-12?lang=ru
expect body ~ <html lang="ru"
GET /play/13-18?lang=es
expect body ~ <html lang="es"
cookies clear
GET /play/nowhere
expect status 404

# an under-9 scene: two big choices, posted without JavaScript
GET /play/u9/u9-where-i-live
expect status 200
expect body ~ name="choice" value="a"
expect body ~ name="choice" value="b"
expect body !~ name="choice" value="c"
expect body ~ action="/play/u9/u9-where-i-live"
POST /play/u9/u9-where-i-live step=start&choice=b
expect status 200
expect body ~ A safe choice
expect body ~ The safe thing to do
expect body ~ Who can help
expect no header Set-Cookie
POST /play/u9/u9-where-i-live step=start&choice=a
expect status 200
expect body ~ think about this one
# bad answers: a choice that does not exist, a step that does not, another site's form
POST /play/u9/u9-where-i-live step=start&choice=c
expect status 400
POST /play/u9/u9-where-i-live step=elsewhere&choice=a
expect status 400
POST /play/u9/u9-where-i-live step=start&choice=a
header Origin: http://evil.example
expect status 403
POST /play/u9/u9-where-i-live step=start&choice=a
header Sec-Fetch-Site: cross-site
expect status 403
POST /play/u9/no-such-story step=start&choice=a
expect status 404
POST /play/9-12/u9-where-i-live step=start&choice=a
expect status 404

# a 9-12 card: three choices and points
GET /play/9-12/9-12-scams-prize-pop-up
expect body ~ name="choice" value="c"
POST /play/9-12/9-12-scams-prize-pop-up step=start&choice=c
expect body ~ +10 points

# a 13-18 story, branching over several steps to its end
GET /play/13-18/13-18-threat-after-photo
expect status 200
expect body ~ class="chat"
POST /play/13-18/13-18-threat-after-photo step=start&choice=b
expect status 200
expect body ~ href="/play/13-18/13-18-threat-after-photo?step=s3"
expect body !~ Who can help
GET /play/13-18/13-18-threat-after-photo?step=s3
expect status 200
POST /play/13-18/13-18-threat-after-photo step=s3&choice=a
expect body ~ ?step=end-tell
POST /play/13-18/13-18-threat-after-photo step=end-tell&choice=a
expect body ~ Who can help
expect body ~ Think about it
GET /play/13-18/13-18-threat-after-photo?step=nowhere
expect status 404

# the app: tips, help flows with a quick exit, the check-up, the games
GET /play/tips
expect status 200
GET /play/help
expect body ~ href="/exit"
expect body ~ data-quick-exit
GET /play/help/bullied
expect status 200
expect body ~ data-quick-exit
GET /play/help/nothing
expect status 404
GET /play/checkup
expect body ~ type="checkbox"
GET /play/9-12/sort
expect body ~ value="scam"
POST /play/9-12/sort m1=scam&m2=safe
expect status 200
expect body matches You sorted [0-9]+ of 10 messages right
GET /play/9-12/passphrase
expect body ~ data-meter-input
# the meter's list of common passwords: a file of the site, kept offline
expect body matches data-meter-words="/static/play/common-passwords\.txt\?v=[0-9a-f]{8}"
capture words body data-meter-words="([^"]+)"
expect body ~ data-meter-why="common"
expect body !matches <(input|textarea|select)[^>]* name=
expect body !~ <form
GET ${words}
expect status 200
expect header Content-Type = text/plain; charset=utf-8
expect body matches [[:space:]]password[[:space:]]
GET /exit
expect status 200
expect body !~ cophub
expect body !~ ="http

# an under-9 scene is a picture story read aloud: a play button per line,
# nothing that plays by itself; the recording is small and cached for good
GET /play/u9/u9-where-i-live
expect body ~ src="/static/play/scenes/u9-where-i-live.svg
expect body matches <h1>Where I live <a class="say" href="/play/audio/en/[0-9a-f]{16}\.opus" data-say>
expect body matches <button type="submit" name="choice" value="a" class="choice">[^<]+</button><a class="say" href="/play/audio/en/
expect body !~ autoplay
expect body !~ <audio
capture say body href="(/play/audio/en/[0-9a-f]{16}\.opus)"
GET ${say}
expect status 200
expect header Content-Type = audio/ogg
expect header Cache-Control = public, max-age=31536000, immutable
expect body ~ OggS
POST /play/u9/u9-where-i-live step=start&choice=b
expect body matches <p>Good choice! Where you live is private. <a class="say" href="/play/audio/en/
# in every language with a voice
GET /play/u9/u9-where-i-live?lang=zh
expect body ~ href="/play/audio/zh/
GET /play/u9/u9-where-i-live?lang=ar
expect body ~ href="/play/audio/ar/
cookies clear
# no narration for the older bands
GET /play/9-12/9-12-scams-prize-pop-up
expect body !~ data-say
GET /play/13-18/13-18-threat-after-photo
expect body !~ data-say
# only the recordings listed at start-up, by their plain names
GET /play/audio/en/0000000000000000.opus
expect status 404
GET /play/audio/xx/${say}
expect status 404
GET /play/audio/en/..%2F..%2Fu9.txt
expect status 404
GET /play/audio/en/.hidden.opus
expect status 404
GET /play/audio/en/u9-where-i-live.title.mp3
expect status 404

# each answer is one row with no identifier at all: the day (no time),
# the site's country, the language, band, story, step, choice and whether
# it was safe; stored a moment later, in a batch
cookies clear
POST /play/u9/u9-my-voice?lang=es step=start&choice=a
expect status 200
POST /play/u9/u9-my-voice?lang=es step=start&choice=b
expect status 200
exec ${data}/tests/http/sql '${db}' "SELECT day, country, lang, band, step, choice, safe, CASE WHEN class_id IS NULL AND member_id IS NULL THEN 'none' ELSE 'id' END FROM play_events WHERE scenario = 'u9-my-voice' AND lang = 'es' ORDER BY choice" "$(date -u +%F)|KE|es|u9|start|a|2|none;$(date -u +%F)|KE|es|u9|start|b|0|none"
# a refused answer stores nothing
POST /play/u9/u9-my-voice?lang=fr step=start&choice=z
expect status 400
POST /play/u9/u9-my-voice?lang=fr step=start&choice=a
header Origin: http://elsewhere.example
expect status 403
POST /play/u9/u9-my-voice?lang=ru step=start&choice=a
exec ${data}/tests/http/sql '${db}' "SELECT lang, COUNT(*) FROM play_events WHERE scenario = 'u9-my-voice' GROUP BY lang ORDER BY lang" "es|2;ru|1"

# a story page is kept rendered for readers who are not signed in (2 s);
# a signed-in adult gets a page of their own
cookies clear
GET /play/9-12/9-12-privacy-game-profile
expect status 200
expect body !~ Sign out
login coordinator.KE
GET /play/9-12/9-12-privacy-game-profile
expect status 200
expect body ~ Sign out
cookies clear
GET /play/9-12/9-12-privacy-game-profile?lang=fr
expect body ~ <html lang="fr"
expect header Content-Language = fr
GET /play/9-12/9-12-privacy-game-profile?lang=ar
expect body ~ <html lang="ar"
expect header Content-Language = ar

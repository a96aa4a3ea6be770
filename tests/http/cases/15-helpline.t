# "Get help": a country's child helpline as its coordinator enters it;
# the shipped 116 111 where it is documented; otherwise a trusted adult.
# (This server's children see Kenya first: COPHUB_PLAY_COUNTRY=KE.)
GET /play/help
expect status 200
expect body ~ Talk to an adult you trust
expect body !~ Child helpline
GET /play/help?country=SE
expect body ~ 116 111

# a story page's feedback before: kept rendered for 2 s (src/play/play.c)
POST /play/u9/u9-chat-secret step=start&choice=a
expect status 200
expect body !~ Kids Line Test
GET /play/u9/u9-chat-secret/feedback?step=start&choice=a
expect body !~ Kids Line Test

login coordinator.KE
GET /admin/countries/KE/helpline
expect status 200
POST /admin/countries/KE/helpline name=Kids+Line+Test&contact=0800+000&report=the+report+form&emergency=999&note=&csrf=${csrf}
expect status 303
POST /admin/countries/KE/helpline name=Line%0Abreak&contact=&report=&emergency=&note=&csrf=${csrf}
expect status 400
cookies clear

GET /play/help
expect body ~ Kids Line Test
expect body ~ 0800 000
# scenario texts name it where they say {helpline}
# at once, though the page was kept: the save forgets the pages kept
POST /play/u9/u9-chat-secret step=start&choice=a
expect body ~ Kids Line Test
expect body !~ {helpline}
GET /play/u9/u9-chat-secret/feedback?step=start&choice=a
expect body ~ Kids Line Test

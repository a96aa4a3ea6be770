# The last answer before SIGTERM: tests/http/run stops the server at once
# and then finds the row, without waiting (the writer stores what is
# queued before the process exits).
POST /play/9-12/9-12-scams-prize-pop-up?lang=zh step=start&choice=c
expect status 200

# This server asks argon2id for 20 MiB; the account was hashed at 19 MiB,
# so a successful sign-in replaces its hash.
exec ${cophub} user show --db '${db}' --username ${user.rehash.KE} | grep -q 'm=19456,t=2'
login rehash.KE
GET /account
expect status 200
exec ${cophub} user show --db '${db}' --username ${user.rehash.KE} | grep -q 'm=20480,t=2'

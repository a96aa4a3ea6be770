# Output escaping: what people type is shown as text, in every context.
GET /login?next=%22%3E%3Cscript%3Ealert(1)%3C/script%3E
expect status 200
expect body !~ <script>
GET /login?next=javascript:alert(1)
expect body !~ javascript:
GET /login?next=/admin/users%22onmouseover=%22x
expect body !~ "onmouseover
expect body ~ value="/admin/users&quot;onmouseover=&quot;x"
# a typed username comes back escaped
POST /login username=%3Cb%3Ebold%3C/b%3E&password=wrong-password&csrf=${csrf}
expect status 401
expect body ~ value="&lt;b&gt;bold&lt;/b&gt;"

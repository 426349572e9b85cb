"""Member pages: login, dashboard, editing. Filled in by the members' work."""

app_name = "members"
urlpatterns: list = []

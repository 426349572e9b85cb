"""Member pages under /medlem/: login, dashboard, editing, people, moderation, import/export."""

from django.urls import path

from network.views import auth, dashboard, environments, moderation, municipality, offers, people, transfer

app_name = "members"
urlpatterns = [
    path("log-ind/", auth.LoginView.as_view(), name="login"),
    path("log-ud/", auth.LogoutView.as_view(), name="logout"),
    path("adgangskode/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("adgangskode/sendt/", auth.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "adgangskode/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("adgangskode/faerdig/", auth.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("invitation/<str:token>/", auth.invitation_accept, name="invitation_accept"),
    path("", dashboard.dashboard, name="dashboard"),
    path("org/<slug:slug>/", dashboard.organisation, name="organisation"),
    path("org/<slug:slug>/profil/", dashboard.organisation_profile, name="organisation_profile"),
    path("org/<slug:slug>/personer/", people.people, name="people"),
    path("org/<slug:slug>/personer/<int:pk>/rolle/", people.membership_role, name="membership_role"),
    path("org/<slug:slug>/personer/<int:pk>/fjern/", people.membership_remove, name="membership_remove"),
    path(
        "org/<slug:slug>/invitationer/<int:pk>/tilbagekald/",
        people.invitation_revoke,
        name="invitation_revoke",
    ),
    path("org/<slug:slug>/tilbud/nyt/", offers.offer_add, name="offer_add"),
    path("tilbud/<int:pk>/", offers.offer_edit, name="offer_edit"),
    path("tilbud/<int:pk>/kopier/", offers.offer_duplicate, name="offer_duplicate"),
    path("tilbud/<int:pk>/arkiver/", offers.offer_archive, name="offer_archive"),
    path("tilbud/<int:pk>/indsend/", offers.offer_submit, name="offer_submit"),
    path("tilbud/<int:pk>/historik/", offers.offer_history, name="offer_history"),
    path("tilbud/<int:pk>/historik/<int:history_id>/gendan/", offers.offer_revert, name="offer_revert"),
    path("org/<slug:slug>/steder/nyt/", environments.environment_add, name="environment_add"),
    path("steder/<int:pk>/", environments.environment_edit, name="environment_edit"),
    path("steder/<int:pk>/arkiver/", environments.environment_archive, name="environment_archive"),
    path("godkendelse/", moderation.queue, name="moderation"),
    path("godkendelse/<int:pk>/godkend/", moderation.approve, name="moderation_approve"),
    path("godkendelse/<int:pk>/afvis/", moderation.reject, name="moderation_reject"),
    path("org/<slug:slug>/import/", transfer.import_page, name="import"),
    path("org/<slug:slug>/skabelon.<str:export_format>", transfer.import_template, name="import_template"),
    path("org/<slug:slug>/eksport.<str:export_format>", transfer.organisation_export, name="export"),
    path("kommune/<int:code>/", municipality.coverage, name="municipality"),
    path(
        "kommune/<int:code>/eksport.<str:export_format>",
        transfer.municipality_export,
        name="municipality_export",
    ),
]

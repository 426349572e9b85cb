"""The coordinators' newsletter pages under /medlem/nyhedsbrev/."""

from django.urls import path

from network.newsletter.views import editor

app_name = "newsletter_editor"
urlpatterns = [
    path("", editor.issues, name="issues"),
    path("<int:pk>/", editor.issue_edit, name="issue_edit"),
    path("<int:pk>/forhaandsvisning/", editor.issue_preview, name="issue_preview"),
    path("<int:pk>/e-mail/", editor.issue_preview_email, name="issue_preview_email"),
    path("<int:pk>/test/", editor.issue_test, name="issue_test"),
    path("<int:pk>/send/", editor.issue_send, name="issue_send"),
]

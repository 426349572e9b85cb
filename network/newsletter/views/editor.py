"""The coordinators' pages for the editorial newsletter (staff only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.newsletter import editorial, emails, network_news
from network.newsletter.forms import IssueForm
from network.newsletter.models import Issue
from network.views.access import require_coordinator


def _form(request: HttpRequest, issue: Issue | None) -> IssueForm:
    return IssueForm(
        request.POST or None,
        instance=issue,
        offer_choices=editorial.offer_choices(),
        article_choices=network_news.recent_news(limit=30),
        event_choices=network_news.upcoming_events(limit=50),
    )


@login_required
def issues(request: HttpRequest) -> HttpResponse:
    """The list of issues and a new draft."""
    require_coordinator(request)
    form = _form(request, None)
    if request.method == "POST" and form.is_valid():
        issue = _save(request, form, None)
        return redirect("newsletter_editor:issue_edit", pk=issue.pk)
    context = {
        "issues": Issue.objects.all(),
        "form": form,
        "recipients": editorial.issue_recipients().count(),
    }
    return render(request, "newsletter/editor/issues.html", context, status=400 if form.errors else 200)


def _save(request: HttpRequest, form: IssueForm, issue: Issue | None) -> Issue:
    return editorial.issue_save(
        issue=issue,
        title=form.cleaned_data["title"],
        intro=form.cleaned_data["intro"],
        offers=list(form.cleaned_data["offers"]),
        article_ids=form.cleaned_data["articles"],
        event_ids=form.cleaned_data["events"],
        author=request.user,
    )


@login_required
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    issue = get_object_or_404(Issue, pk=pk)
    form = _form(request, issue)
    if request.method == "POST" and issue.sent_at is None and form.is_valid():
        _save(request, form, issue)
        messages.success(request, _("Udkastet er gemt."))
        return redirect("newsletter_editor:issue_edit", pk=issue.pk)
    context = {"issue": issue, "form": form, "recipients": editorial.issue_recipients().count()}
    return render(request, "newsletter/editor/issue_edit.html", context, status=400 if form.errors else 200)


@login_required
def issue_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The issue as its archive page will show it."""
    require_coordinator(request)
    issue = get_object_or_404(Issue, pk=pk)
    return render(request, "newsletter/issue_page.html", {**editorial.issue_context(issue), "preview": True})


@login_required
def issue_preview_email(request: HttpRequest, pk: int) -> HttpResponse:
    """The HTML e-mail exactly as a subscriber receives it (without their own links)."""
    require_coordinator(request)
    issue = get_object_or_404(Issue, pk=pk)
    _subject, _text, html = emails.render_issue(issue=issue, language=get_language(), links=None)
    return HttpResponse(html)


@login_required
@require_POST
def issue_test(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    issue = get_object_or_404(Issue, pk=pk)
    editorial.issue_send_test(issue=issue, email=request.user.email, language=get_language())
    messages.success(request, _("En test er sendt til %(email)s.") % {"email": request.user.email})
    return redirect("newsletter_editor:issue_edit", pk=issue.pk)


@login_required
@require_POST
def issue_send(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request)
    issue = get_object_or_404(Issue, pk=pk)
    if editorial.issue_send(issue=issue):
        messages.success(request, _("Nyhedsbrevet sendes nu til alle abonnenter."))
    else:
        messages.error(request, _("Nyhedsbrevet er allerede sendt."))
    return redirect("newsletter_editor:issue_edit", pk=issue.pk)

"""Login, logout, password reset (Django's views with our templates) and accepting invitations."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from network import limits, services
from network.forms import AcceptInvitationForm, LoginForm
from network.models import User


class LoginView(auth_views.LoginView):
    template_name = "network/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse_lazy("members:dashboard")


class LogoutView(auth_views.LogoutView):
    next_page = "/"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "network/password_reset.html"
    email_template_name = "network/email/password_reset.txt"
    subject_template_name = "network/email/password_reset_subject.txt"
    success_url = reverse_lazy("members:password_reset_done")

    def form_valid(self, form):
        # Limited per address and per client (network/limits.py); the same answer whether or
        # not the address has an account, so the limit tells nobody who is a member.
        if not limits.password_reset_allowed(
            email=form.cleaned_data["email"], ip=limits.client_ip(self.request)
        ):
            form.add_error(None, _("For mange anmodninger om ny adgangskode. Prøv igen om en time."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "network/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "network/password_reset_confirm.html"
    success_url = reverse_lazy("members:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "network/password_reset_complete.html"


@sensitive_post_parameters("password1", "password2")
def invitation_accept(request, token: str):
    try:
        invitation = services.invitation_for_token(token)
    except ValidationError as error:
        return render(request, "network/invitation_invalid.html", {"reason": error.messages[0]}, status=410)
    needs_account = not User.objects.filter(email__iexact=invitation.email).exists()
    form = AcceptInvitationForm(request.POST or None) if needs_account else None
    if request.method == "POST" and (form is None or form.is_valid()):
        data = form.cleaned_data if form else {}
        try:
            membership = services.invitation_accept(
                token=token,
                user=request.user if request.user.is_authenticated else None,
                password=data.get("password1", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
        except ValidationError as error:
            if form is not None and hasattr(error, "error_dict"):
                form.add_error(None, error)
            else:
                messages.error(request, " ".join(error.messages))
        else:
            if not request.user.is_authenticated:
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Velkommen i %(organisation)s.") % {"organisation": membership.organisation.name}
            )
            return redirect("members:organisation", slug=membership.organisation.slug)
    return render(request, "network/invitation_accept.html", {"invitation": invitation, "form": form})

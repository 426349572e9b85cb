from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "network.newsletter"
    label = "newsletter"
    verbose_name = "Nyhedsbrev"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from network.mail import email_rejected
        from network.newsletter import services

        # An address the mail server refuses for good is marked failing and skipped from then on.
        email_rejected.connect(services.subscriber_mark_failing_receiver, dispatch_uid="newsletter-rejected")

"""The booking form page, its editable questions and its private submissions."""

import logging
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from modelcluster.fields import ParentalKey
from wagtail import log_actions
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from clinic.practice.details import ClinicSettings
from clinic.practice.services import service_pages
from clinic.practice.working_days import reply_promise
from clinic.security.encryption import EncryptedJSONField, EncryptedTextField, undecryptable
from clinic.security.groups import BOOKING_MANAGERS
from clinic.serving import database_down
from clinic.serving.shared_data import SharedRestrictionsMixin

from . import form_copy, held_pages, held_posts, notify, queue, ratelimit, sent_reference
from .forms import (
    HIGHEST_MAX_LENGTH,
    HONEYPOT_FIELD,
    NOT_STORED,
    SERVICE_FIELD,
    BookingFormBuilder,
    BookingFormPageForm,
)
from .panels import MANAGE_PERMISSION, ManagersInlinePanel
from .self_check import COLUMNS as SELF_CHECK_COLUMNS
from .self_check import answer_carry, is_carry

logger = logging.getLogger("booking")

VIEW_PERMISSION = "booking.view_bookingsubmission"
EXPORT_PERMISSION = "booking.export_bookingsubmission"
DELETE_PERMISSION = "booking.delete_bookingsubmission"
# A request's language as the managers read it (clinic/settings/base.py LANGUAGES).
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}


def no_store(response):
    """Booking pages hold personal data: never in a shared or browser cache."""
    response["Cache-Control"] = "no-store, private"
    return response


def booking_managers():
    """The people a request can be given to: active members of the Booking managers group."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=BOOKING_MANAGERS)
        .order_by("first_name", "last_name", "username")
    )


class BookingFormField(AbstractFormField):
    """A question editors add around the fixed core."""

    page = ParentalKey("BookingFormPage", on_delete=models.CASCADE, related_name="form_fields")
    max_length = models.PositiveSmallIntegerField(
        "maximum length",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(HIGHEST_MAX_LENGTH)],
        help_text="For text answers: the most characters allowed. Leave blank for 255 "
        "(single line) or 1,000 (multi-line).",
    )

    panels = AbstractFormField.panels + [FieldPanel("max_length")]


class BookingSubmissionQuerySet(models.QuerySet):
    def delete(self):
        """Bulk deletion (Wagtail's 'Delete selected submissions') is for managers, and audited."""
        user = log_actions.get_active_log_context().user
        if user is not None and not user.has_perm(DELETE_PERMISSION):
            raise PermissionDenied
        counts = dict(self.order_by().values_list("page_id").annotate(rows=models.Count("id")))
        result = super().delete()
        pages = BookingFormPage.objects.filter(pk__in=counts)
        for page in pages:
            log_actions.log(page, "booking.delete", user=user, data={"rows": counts[page.pk]})
        return result

    def older_than(self, cutoff):
        return self.filter(submit_time__lt=cutoff)

    def open(self):
        return self.filter(status__in=queue.OPEN_STATUSES)

    def overdue(self, now=None):
        return self.filter(status=queue.Status.NEW, reply_due__lt=now or timezone.now())

    def search(self, query):
        """Requests whose reference, or whose name words, email or phone, match the query."""
        pk = queue.parse_reference(query)
        if pk is not None:
            return self.filter(pk=pk)
        held_reference = queue.parse_held_reference(query)
        if held_reference is not None:
            return self.filter(held_reference=held_reference)
        tokens = queue.query_tokens(query)
        if not tokens:
            return self.none()
        return self.filter(*[models.Q(search_tokens__contains=token) for token in tokens])


class BookingSubmission(AbstractFormSubmission):
    """A booking request: the answers (encrypted at rest), and the consent its sender gave."""

    form_data = EncryptedJSONField(encoder=DjangoJSONEncoder)
    consent_version = models.CharField(max_length=40)
    consented_at = models.DateTimeField()
    service_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="treatment of interest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The treatment page the visitor chose; empty for 'Not sure yet'.",
    )
    # The queue: what the team has done about the request, and by when a reply is due.
    status = models.CharField(max_length=20, choices=queue.Status.choices, default=queue.Status.NEW)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_due = models.DateTimeField(
        help_text="Computed when the request arrives, from the clinic's working days."
    )
    # Bumped by every change of status or owner, so a second manager's stale form is refused.
    version = models.PositiveIntegerField(default=0)
    search_tokens = models.TextField(blank=True, editable=False)
    # Set when the request was held while the database was down (booking/held_requests.py):
    # the reference the visitor was shown, unique, so a held request is stored only once.
    held_reference = models.CharField(
        max_length=16, unique=True, null=True, blank=True, editable=False
    )
    # The language of the booking page it came through ("es" for the Spanish page), so the
    # team can reply in it; the inbox marks Spanish requests.
    language = models.CharField(max_length=8, default="en", editable=False)
    # Made before the INSERT and kept by a held copy too: should the connection die during the
    # COMMIT (the row stored after all), the held copy finds the row instead of storing it twice.
    intake_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    objects = BookingSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = "booking request"
        verbose_name_plural = "booking requests"
        permissions = [("export_bookingsubmission", "Can export booking requests")]
        indexes = [
            models.Index(fields=["page", "submit_time"]),
            models.Index(fields=["status", "reply_due"]),
            models.Index(fields=["owner", "status"]),
            # The inbox's default: open requests in due order, without walking the history.
            models.Index(
                fields=["reply_due", "id"],
                condition=models.Q(status__in=queue.OPEN_STATUSES),
                name="booking_open_by_due",
            ),
            models.Index(fields=["submit_time", "id"], name="booking_by_received"),
        ]

    def __str__(self):
        # Never the answers: this string is the audit log's label and appears in messages.
        return self.reference

    @property
    def reference(self):
        if self.held_reference:
            return self.held_reference
        return queue.reference(self.pk) if self.pk else "New request"

    @property
    def in_spanish(self):
        return self.language.startswith("es")

    @property
    def language_name(self):
        """In English, for the managers: "Spanish", not the site's "Español"."""
        return LANGUAGE_NAMES.get(self.language, self.language)

    @property
    def answers_unreadable(self):
        """No key opens the stored answers (a lost key, or a tampered row)."""
        return undecryptable(self.form_data)

    @property
    def name(self):
        if self.answers_unreadable:
            return "(cannot be decrypted)"
        return self.form_data.get("full_name", "")

    def fill_derived_fields(self):
        """The due time and the search tokens, for save() and for bulk_create."""
        if self.reply_due is None:
            clinic_settings = ClinicSettings.for_site(self.page.get_site())
            self.reply_due = clinic_settings.reply_due(self.submit_time or timezone.now())
        self.fill_search_tokens()

    def fill_search_tokens(self):
        data = self.form_data
        self.search_tokens = queue.search_tokens(
            data.get("full_name"), data.get("email"), data.get("phone")
        )

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def get_data(self):
        return {
            **self.form_data,
            "submit_time": self.submit_time,
            "consent_version": self.consent_version,
            "consented_at": self.consented_at,
        }


class BookingNote(models.Model):
    """A manager's internal note on a request: health information, for managers only."""

    submission = models.ForeignKey(
        BookingSubmission, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    text = EncryptedTextField(max_length=queue.NOTE_MAX_LENGTH)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note on {self.submission}"


class BookingFormPage(SharedRestrictionsMixin, RoutablePageMixin, AbstractEmailForm):
    """Book a consultation: an introduction, the form, and a notice about urgent help."""

    intro = RichTextField(features=["bold", "italic", "link", "ol", "ul"], blank=True)
    thank_you_text = RichTextField(
        features=["bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text="Shown after a request is sent. Say what happens next and when.",
    )

    base_form_class = BookingFormPageForm
    form_builder = BookingFormBuilder
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    def get_sitemap_urls(self, request=None):
        return []  # noindex, like its thank-you page: not for search engines

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        # The questions and who is told: Booking managers and administrators only.
        ManagersInlinePanel(
            "form_fields",
            label="Questions",
            help_text="Full name, email, phone, contact preference and consent are always "
            "asked; add the other questions here.",
        ),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "to_address",
                    help_text="Who is told that a request arrived (comma-separated). The "
                    "email never contains the answers. BOOKING_NOTIFY_EMAILS overrides it.",
                    permission=MANAGE_PERMISSION,
                ),
                FieldRowPanel(
                    [
                        FieldPanel("from_address", permission=MANAGE_PERMISSION),
                        FieldPanel("subject", permission=MANAGE_PERMISSION),
                    ]
                ),
            ],
            heading="Notification email",
            permission=MANAGE_PERMISSION,
        ),
    ]

    class Meta:
        verbose_name = "booking form page"

    def get_submission_class(self):
        return BookingSubmission

    def get_submissions_list_view_class(self):
        # Imported when asked for, as Wagtail does: admin views load after the models.
        from .form_submissions import FormSubmissionsRedirect

        return FormSubmissionsRedirect

    def get_data_fields(self):
        """Columns of the listing and the export: core first, then the editors' questions,
        then a self-check result the visitor chose to send (empty when they did not)."""
        form_class = self.get_form_class()
        fields = [("submit_time", "Submitted")]
        fields += [
            (name, field.label)
            for name, field in form_class.base_fields.items()
            if name not in NOT_STORED
        ]
        fields += SELF_CHECK_COLUMNS
        fields += [("consent_version", "Consent version"), ("consented_at", "Consented at")]
        return fields

    # The visitor's side -------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        """Every booking view (form, thank-you, rate-limited) states the reply promise: the
        clinic's working days to reply and, for a request sent now, the date it is due."""
        context = super().get_context(request, *args, **kwargs)
        context["reply_promise"] = reply_promise(ClinicSettings.for_request(request))
        return context

    @path("")
    @method_decorator(sensitive_post_parameters())
    def booking_form(self, request, *args, **kwargs):
        return self.serve_booking_form(request)

    @sensitive_variables()
    def serve_booking_form(self, request):
        if request.method != "POST":
            form_copy.keep_now_and_then()  # for posts while the database is down
            initial = {SERVICE_FIELD: self.preselected_service(request)}
            return self.render_form(
                request, self.get_form(page=self, user=request.user, initial=initial)
            )
        if is_carry(request):  # from the self-check's result page: not a request
            return answer_carry(self, request)
        form = self.get_form(request.POST, page=self, user=request.user)
        allowed = ratelimit.allow_post(request)
        # Should the database go from here on, the outage handler does not count it again.
        setattr(request, held_posts.ALLOWED_ATTRIBUTE, allowed)
        if not allowed:
            return self.render_rate_limited(request, form)
        if request.POST.get(HONEYPOT_FIELD):
            # A bot: pretend it worked and keep nothing (it uses up the limit like a request).
            if not ratelimit.claim(request):
                return self.render_rate_limited(request, form)
            return no_store(redirect(self.thank_you_url(request)))
        if not form.is_valid():
            return self.render_form(request, form)  # a typo never counts towards the limit
        if not ratelimit.claim(request):
            return self.render_rate_limited(request, form)
        intake_key = uuid.uuid4()
        try:
            submission = self.process_form_submission(form, intake_key)
        except Exception as error:
            if not database_down.is_unavailable(error):
                raise
            # Held on disk, encrypted, until the database is back (booking/held_requests.py).
            return held_pages.hold_and_thank(request, self, form, intake_key)
        # Stored: should the database go before the answer (the session's save), the outage
        # handler thanks with this reference instead of holding it again.
        setattr(request, held_posts.TAKEN_ATTRIBUTE, submission.reference)
        sent_reference.remember(request, submission)
        # POST/redirect/GET: the thank-you address carries nothing that was sent.
        return no_store(redirect(self.thank_you_url(request)))

    @staticmethod
    def preselected_service(request):
        """A treatment page's "Book a consultation" link names the page by its slug."""
        slug = request.GET.get(SERVICE_FIELD, "")[:255]
        page = service_pages(get_language()).filter(slug=slug).first() if slug else None
        return str(page.pk) if page else None

    def render_form(self, request, form, template=None, status=200):
        """The form page; with a template, the form again under a notice saying why nothing
        was stored (limit reached: 429; failed CSRF check: 403), everything typed kept."""
        context = self.get_context(request)
        context["form"] = form
        template = template or self.get_template(request)
        return no_store(TemplateResponse(request, template, context, status=status))

    @path("thank-you/", name="thank_you")
    def thank_you(self, request, *args, **kwargs):
        return self.render_landing_page(request)

    def thank_you_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("thank_you").lstrip("/")

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        context = self.get_context(request)
        context["reference"] = sent_reference.recalled(request)
        response = TemplateResponse(request, self.get_landing_page_template(request), context)
        return no_store(response)

    def render_rate_limited(self, request, form):
        template = "booking/booking_form_page_rate_limited.html"
        response = self.render_form(request, form, template, status=429)
        response["Retry-After"] = str(ratelimit.window_seconds())
        return response

    @sensitive_variables()
    def serve_csrf_failure(self, request, *args, **kwargs):
        """A POST whose security check failed (clinic/serving/csrf_failure.py): the form again with
        the answers and a fresh token. Nothing stored, nothing counted."""
        if is_carry(request):  # the blank form, without the result it claims to carry
            return answer_carry(self, request, trusted=False)
        form = self.get_form(request.POST, page=self, user=request.user)
        template = "booking/booking_form_page_csrf_failure.html"
        return self.render_form(request, form, template, status=403)

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.render_landing_page(request)
        return self.render_form(request, self.get_form(page=self, user=request.user))

    @sensitive_variables()
    def process_form_submission(self, form, intake_key=None):
        """Store first, in one transaction; tell the clinic after it commits."""
        with transaction.atomic():
            submission = BookingSubmission.objects.create(
                form_data=form.submission_data(),
                page=self,
                consent_version=form.consent_version,
                consented_at=timezone.now(),
                service_page=form.service_page,
                intake_key=intake_key or uuid.uuid4(),
                language=self.locale.language_code,
            )
            transaction.on_commit(lambda: notify.send_notification(self, submission))
        return submission

    def send_mail(self, form):
        # Wagtail's version mails every answer; the clinic only ever gets a link.
        raise NotImplementedError("Booking notifications go through booking.notify.")

    def notification_recipients(self):
        configured = getattr(settings, "BOOKING_NOTIFY_EMAILS", None)
        if configured:
            return list(configured)
        return [address.strip() for address in self.to_address.split(",") if address.strip()]

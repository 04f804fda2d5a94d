"""The "Who can see booking requests" report, for administrators: a review of access.

Everyone who can read the requests (superusers, Booking managers, anyone given the permission
directly), their roles, last sign-in, whether they use two-factor sign-in, and when they last
opened or exported requests, from the audit log.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Max, Q
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry, PageLogEntry

from clinic.security.admin_access import superusers_only

VIEW = Permission.objects.filter(
    codename="view_bookingsubmission", content_type__app_label="booking"
)


def people_with_access():
    """Active users who hold booking.view_bookingsubmission, however they got it."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True) | Q(groups__permissions__in=VIEW) | Q(user_permissions__in=VIEW)
        )
        .distinct()
        .prefetch_related("groups")
        .order_by("last_name", "first_name", "username")
    )


def last_by_user(queryset, users):
    return dict(
        queryset.filter(user__in=users)
        .values("user")
        .annotate(last=Max("timestamp"))
        .values_list("user", "last")
    )


@never_cache
@superusers_only
def access_report(request):
    people = list(people_with_access())
    opened = last_by_user(ModelLogEntry.objects.filter(action="booking.view"), people)
    exported = last_by_user(PageLogEntry.objects.filter(action="booking.export"), people)
    with_factor = set(
        TOTPDevice.objects.filter(user__in=people, confirmed=True).values_list("user", flat=True)
    )
    rows = [
        {
            "person": person,
            "roles": ["Administrator"] * person.is_superuser
            + [group.name for group in person.groups.all()],
            "two_factor": person.pk in with_factor,
            "last_opened": opened.get(person.pk),
            "last_exported": exported.get(person.pk),
        }
        for person in people
    ]
    return TemplateResponse(request, "booking/admin/access_report.html", {"rows": rows})

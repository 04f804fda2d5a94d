"""The audit log's view of a person: their User row, whatever wraps request.user."""

from django.utils.functional import LazyObject, empty


def account(user):
    """The User itself. request.user is a lazy object (with django-otp, one inside another),
    and Wagtail's log() picks the log model by the instance's own class: given a wrapper, it
    records nothing and says nothing."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user

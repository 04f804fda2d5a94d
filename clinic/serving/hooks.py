"""The serving concern's Wagtail hooks."""

from wagtail import hooks

from clinic.serving.language import page_in_the_address_language

hooks.register("before_serve_page", page_in_the_address_language)

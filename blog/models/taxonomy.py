"""Topics and tags: the two ways articles are grouped and filtered."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel


class Topic(models.Model):
    """A broad subject an article belongs to, e.g. 'Integration'. Each article has one."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="Used in the address of the topic's listing. Made from the name when blank.",
    )
    description = models.TextField(
        max_length=400, blank=True, help_text="One or two sentences shown on the topic's listing."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        if not self.slug:
            self.slug = slugify(self.name)
        if Topic.objects.exclude(pk=self.pk).filter(slug=self.slug).exists():
            raise ValidationError({"slug": "Another topic already uses this slug."})


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

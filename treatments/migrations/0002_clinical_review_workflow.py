"""The "Clinical review" workflow: a clinical reviewer approves every page before it goes live.

It is assigned to the root page, replacing Wagtail's default "Moderators approval" there, so
every section (the treatments section included) goes through clinical review, even before the
demo creates the treatments index. Reviewers also get to edit the medical disclaimer.
"""

from django.db import migrations

from clinic.security.groups import CLINICAL_REVIEWERS, ensure_permissions, grant

WORKFLOW_NAME = "Clinical review"
TASK_NAME = "Clinical review"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    reviewers, _ = Group.objects.get_or_create(name=CLINICAL_REVIEWERS)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type)
    task.groups.set([reviewers])

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    ensure_permissions(apps, "clinic")
    grant(
        apps,
        CLINICAL_REVIEWERS,
        model_perms=[
            ("clinic", "view_medicaldisclaimer"),
            ("clinic", "add_medicaldisclaimer"),
            ("clinic", "change_medicaldisclaimer"),
        ],
    )


def remove_workflow(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    moderators = Workflow.objects.filter(name="Moderators approval").first()
    root = Page.objects.filter(depth=1).first()
    if moderators and root:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": moderators})
    Workflow.objects.filter(name=WORKFLOW_NAME).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0001_initial"),
        ("clinic", "0003_medicaldisclaimer"),
        ("clinic", "0002_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]

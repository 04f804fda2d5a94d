"""The "Clinical review" workflow's task becomes one that records the medical sign-off.

The plain group approval task it replaces is kept, renamed and inactive, so the history of
earlier reviews still points at it.
"""

from django.db import migrations

from clinic.security.groups import CLINICAL_REVIEWERS

WORKFLOW_NAME = "Clinical review"
TASK_NAME = "Clinical review"
OLD_TASK_NAME = "Clinical review (before recorded sign-off)"


def use_sign_off_task(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ClinicalReviewTask = apps.get_model("clinic", "ClinicalReviewTask")

    reviewers, _ = Group.objects.get_or_create(name=CLINICAL_REVIEWERS)
    task_type, _ = ContentType.objects.get_or_create(app_label="clinic", model="clinicalreviewtask")
    task = ClinicalReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ClinicalReviewTask.objects.create(name=TASK_NAME, content_type=task_type)
    task.groups.set([reviewers])

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for step in WorkflowTask.objects.filter(workflow=workflow).exclude(task=task):
        Task.objects.filter(pk=step.task_id).update(name=OLD_TASK_NAME, active=False)
        step.delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def use_group_approval_task(apps, schema_editor):
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ClinicalReviewTask = apps.get_model("clinic", "ClinicalReviewTask")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    old = Task.objects.filter(name=OLD_TASK_NAME).first()
    if workflow is None or old is None:
        return
    WorkflowTask.objects.filter(workflow=workflow).delete()
    Task.objects.filter(pk=old.pk).update(name=TASK_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=old, sort_order=0)
    ClinicalReviewTask.objects.filter(name=TASK_NAME).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0003_use_booking_prompt_and_sections"),
        ("clinic", "0004_person_sign_in_account_and_clinical_review_task"),
    ]

    operations = [migrations.RunPython(use_sign_off_task, use_group_approval_task)]

import json

import pytest


@pytest.mark.django_db
def test_editor_checks_run_the_rules_a_clinician_can_act_on(client, superuser, home_page):
    client.force_login(superuser)
    html = client.get(f"/admin/pages/{home_page.pk}/edit/").content.decode()
    start = html.index('id="checker-axe-configuration"')
    start = html.index(">", start) + 1
    config = json.loads(html[start : html.index("</script>", start)])
    assert config["context"]["include"] == ["main"]
    for rule in ["image-alt", "heading-order", "link-name", "empty-heading"]:
        assert rule in config["options"]["runOnly"]

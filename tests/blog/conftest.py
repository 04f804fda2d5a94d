import pytest

from tests.blog.factories import ArticleIndexPageFactory


@pytest.fixture
def article_index(home_page):
    return ArticleIndexPageFactory(parent=home_page)

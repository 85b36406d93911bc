"""The benchmark's synthetic posts (``make bench``), tried at a tiny size."""

import pytest

from blog import bench
from blog.models import Post

pytestmark = pytest.mark.django_db


def test_the_benchmark_prepares_searchable_posts_whose_pages_answer_and_clears_them(client, themes):
    def synthetic():
        return Post.objects.published().filter(slug__startswith=bench.SLUG_PREFIX)

    bench.prepare(25)
    assert synthetic().count() == 25
    assert not synthetic().filter(search_vector__isnull=True).exists()
    bench.prepare(10)
    assert synthetic().count() == 10
    for name, url in bench.scenarios():
        assert client.get(url).status_code == 200, name
    bench.clear()
    assert not Post.objects.exists()

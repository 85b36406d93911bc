import pytest

from events import bench
from events.models import Event

pytestmark = pytest.mark.django_db


def test_the_benchmark_makes_exactly_the_synthetic_events_asked_for_and_clears_them(client, themes):
    bench.prepare(30)
    bench.prepare(40)
    synthetic = Event.objects.filter(slug__startswith=bench.SLUG_PREFIX)
    assert synthetic.count() == 40
    assert all(event.title.startswith("Synthetic event") for event in synthetic)
    for _name, url in bench.scenarios():
        assert client.get(url).status_code == 200, url
    bench.clear()
    assert not Event.objects.filter(slug__startswith=bench.SLUG_PREFIX).exists()

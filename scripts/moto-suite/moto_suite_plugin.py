"""pytest plugin for scripts/moto-suite/run.mjs: marks in the JUnit report which of moto's tests moto has verified
against real AWS (`@pytest.mark.aws_verified`), and registers moto's own markers so they are not warned about."""

MOTO_MARKERS = ("aws_verified", "requires_clean_slate", "network")


def pytest_configure(config):
    for name in MOTO_MARKERS:
        config.addinivalue_line("markers", f"{name}: one of moto's test markers")


def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("aws_verified") is not None:
            item.user_properties.append(("aws_verified", "true"))

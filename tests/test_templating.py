"""The shared template machinery: compiled templates are reused only when that is right."""

from __future__ import annotations

from pathlib import Path

from confdocs.rendering import templating


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    path = tmp_path / "layout.txt"
    path.write_text("one {{ x }}")
    loader, name = templating.file_loader(path)
    assert templating.render(templating.make_environment(loader), name, {"x": 1}) == "one 1"
    path.write_text("two {{ x }}")
    loader, name = templating.file_loader(path)
    assert templating.render(templating.make_environment(loader), name, {"x": 2}) == "two 2"


def test_environments_with_other_settings_do_not_share_code(tmp_path: Path) -> None:
    path = tmp_path / "layout.txt"
    path.write_text("{{ x }}")
    loader, name = templating.file_loader(path)
    escaped = templating.render(templating.make_environment(loader, autoescape=True), name, {"x": "<b>"})
    raw = templating.render(templating.make_environment(loader, autoescape=False), name, {"x": "<b>"})
    assert (escaped, raw) == ("&lt;b&gt;", "<b>")

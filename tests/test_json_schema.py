"""The ``json`` format (the whole model, loadable again) and ``confdocs schema``."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import confdocs
from confdocs import build
from confdocs.authoring.schema import event_schema
from confdocs.loading.sources import read_source
from confdocs.model import Event

ROOT = Path(__file__).resolve().parent.parent
HAGUE = ROOT / "examples" / "hague-2019" / "event.yaml"
MINIMAL = ROOT / "examples" / "minimal" / "event.yaml"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = event_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.fixture(scope="module")
def hague() -> Event:
    return confdocs.load_event(HAGUE)


def errors(validator: jsonschema.Draft7Validator, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


# -- json ------------------------------------------------------------------------------------


def test_json_loads_back_equal(hague: Event, tmp_path: Path) -> None:
    document = build(hague, ["json"]).documents[0]
    assert (document.filename, document.media_type) == ("hague-2019.json", "application/json")
    path = tmp_path / "copy.json"
    path.write_bytes(document.data)
    # The logos are named relative to the event file: they go beside the copy.
    shutil.copytree(HAGUE.parent / "logos", tmp_path / "logos")
    loaded = confdocs.load_event(path)
    assert loaded == hague
    assert loaded.header.funder_logos[0].image == hague.header.funder_logos[0].image


def test_json_public_audience_leaves_out_internal_fields(hague: Event) -> None:
    marked = [p for p in hague.people if "mobile" in p.internal and p.mobile]
    assert marked, "the Hague example marks some mobiles internal"
    internal = build(hague, ["json"]).documents[0].data.decode()
    public = build(hague, ["json"], {"audience": "public"}).documents[0].data.decode()
    assert marked[0].mobile in internal
    assert marked[0].mobile not in public
    assert confdocs.dump_event(hague, "json") == internal


def test_cli_builds_json(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("build", str(HAGUE), "-f", "json", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "hague-2019.json").read_text())["id"] == "hague-2019"


# -- schema ----------------------------------------------------------------------------------


def test_the_hague_event_file_validates(validator: jsonschema.Draft7Validator) -> None:
    raw = read_source(HAGUE).data
    assert "include" in raw
    assert errors(validator, raw) == []


def test_the_minimal_example_validates(validator: jsonschema.Draft7Validator) -> None:
    assert errors(validator, read_source(MINIMAL).data) == []


def test_catalog_items_validate_against_their_definitions() -> None:
    schema = event_schema()
    for name, definition in [
        ("people", "Person"),
        ("organisations", "Organisation"),
        ("country-sets", "CountrySet"),
    ]:
        raw = read_source(HAGUE.parent / "catalog" / f"{name}.yaml").data
        key = name.replace("-", "_")
        item_schema = {**schema, "$ref": f"#/$defs/{definition}"}
        for key_name in ("type", "properties", "required", "additionalProperties"):
            item_schema.pop(key_name, None)
        check = jsonschema.Draft7Validator(item_schema)
        for item in raw[key]:
            assert [e.message for e in check.iter_errors(item)] == []


def test_the_whole_model_dump_validates(
    validator: jsonschema.Draft7Validator, hague: Event
) -> None:
    assert errors(validator, json.loads(confdocs.dump_event(hague, "json"))) == []


@pytest.mark.parametrize(
    ("where", "key"),
    [
        ((), "titel"),
        (("settings",), "time_fromat"),
        (("programme", "days", 1, "slots", 0), "moderator"),
        (("programme", "days", 1, "slots", 1, "contributions", 0), "durration"),
        (("venue",), "adress"),
    ],
)
def test_a_typo_in_a_key_fails(
    validator: jsonschema.Draft7Validator, where: tuple[Any, ...], key: str
) -> None:
    raw = copy.deepcopy(read_source(HAGUE).data)
    node = raw
    for part in where:
        node = node[part]
    node[key] = "x"
    problems = errors(validator, raw)
    assert len(problems) == 1
    assert repr(key) in problems[0] and "not allowed" in problems[0]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("09:00", True),
        ("09h00", True),
        ("9h", True),
        ("9.30", True),
        ("24:00", False),
        ("noon", False),
    ],
)
def test_times_as_people_write_them(
    validator: jsonschema.Draft7Validator, value: str, valid: bool
) -> None:
    raw = copy.deepcopy(read_source(MINIMAL).data)
    raw["programme"]["days"][0]["slots"][0]["start"] = value
    assert (errors(validator, raw) == []) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [(10, True), ("10 mins", True), ("1h30", True), ("PT10M", True), (-5, False), ("soon", False)],
)
def test_durations_as_people_write_them(
    validator: jsonschema.Draft7Validator, value: Any, valid: bool
) -> None:
    raw = copy.deepcopy(read_source(MINIMAL).data)
    raw["programme"]["days"][0]["slots"][0]["contributions"][0]["duration"] = value
    assert (errors(validator, raw) == []) is valid


def test_enums_dates_and_required_keys(validator: jsonschema.Draft7Validator) -> None:
    raw = copy.deepcopy(read_source(MINIMAL).data)
    raw["programme"]["days"][0]["slots"][1]["kind"] = "brake"
    raw["start"] = "12/03/2024"
    del raw["title"]
    problems = "\n".join(errors(validator, raw))
    assert "'brake' is not one of" in problems
    assert "'12/03/2024' does not match" in problems
    assert "'title' is a required property" in problems


def test_descriptions_come_from_the_model() -> None:
    schema = event_schema()
    settings = schema["$defs"]["Settings"]
    assert settings["description"].startswith("How the outline is written")
    assert "09h00" in settings["properties"]["time_format"]["description"]
    assert (
        schema["properties"]["languages"]["description"]
        == "Interpretation languages, as language codes (the languages the texts are written "
        "in are ``settings.languages``)."
    )


def test_cli_prints_the_schema(run_cli) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("schema")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == event_schema()

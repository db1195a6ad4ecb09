import dataclasses
import json
import tomllib
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from briefing.config import TABLES, Config, OptionError, default_config_path, describe, load_config, table_of
from briefing.errors import ConfigError
from briefing.schemas import TOML_SCHEMA, load, toml_schema_text


def write(tmp_path, text):
    path = tmp_path / "briefing.toml"
    path.write_text(text)
    return path


def test_no_file_gives_defaults():
    assert load_config(None) == Config()


def test_partial_file_overrides_only_its_keys(tmp_path):
    config = load_config(write(tmp_path, '[summary]\nwords_per_section = 50\n'))
    assert config.words_per_section == 50
    assert config.total_words == Config().total_words


def test_paths_are_relative_to_the_file(tmp_path):
    config = load_config(write(tmp_path, 'sources = ["articles"]\n[output]\nout = "built"\n'))
    assert config.sources == (tmp_path / "articles",)
    assert config.out == tmp_path / "built"


def test_cli_overrides_win_and_none_means_unset(tmp_path):
    config = load_config(write(tmp_path, '[summary]\nsummarizer = "lexrank"\n'), summarizer="lead", words_per_section=None)
    assert config.summarizer == "lead"
    assert config.words_per_section == Config().words_per_section


def test_every_error_reported_at_once_naming_keys(tmp_path):
    path = write(tmp_path, 'colour = "red"\n[summary]\nwords_per_section = "many"\nspeed = 3\n')
    with pytest.raises(ConfigError) as error:
        load_config(path)
    message = error.value.message
    assert str(path) in message and "'colour'" in message and "'summary.speed'" in message
    assert "'words_per_section' must be a whole number" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("sections = []\n", "is empty"),
        ('[[sections]]\ndescription = "x"\n', r"'sections\[1\].title' is missing"),
        ('[[sections]]\ntitle = "  "\n', r"'sections\[1\].title' must not be empty"),
        ('[[sections]]\ntitle = "A"\nterms = "x"\n', r"'sections\[1\].terms' must be a list"),
        ('[[sections]]\ntitle = "A"\ncolor = 1\nterms=["a"]\n', r"unknown key 'sections\[1\].color'"),
        ('[[sections]]\ntitle = "A"\n[[sections]]\ntitle = "a"\n', "two sections of the same title"),
        ("[topics]\nthreshold = 2\n", "'threshold' must be less than 1"),
        ("[summary]\nkey_points = true\n", "'key_points' must be a whole number"),
        ('[summary]\nwords_per_section = "130"\n', "'words_per_section' must be a whole number"),
        ("[summary]\nwords_per_section = 0\n", "'words_per_section' must be positive"),
        ("[input]\nsince = 3\n", "'since' must be a date"),
        ('[output]\nformats = ["pdf", "docx"]\n', "'formats' must be one of pdf, md, html, json, not docx"),
        ("title = \n", "not valid TOML"),
    ],
)
def test_bad_values_name_the_key(tmp_path, text, fragment):
    with pytest.raises(ConfigError, match=fragment):
        load_config(write(tmp_path, text))


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")


def test_embedded_default_profile_is_valid():
    config = load_config(default_config_path())
    assert [s.title for s in config.sections] == ["The referendum", "Troops in Ukraine", "Reactions", "History"]
    assert config.sources == (default_config_path().parent,)
    assert len({s.anchor for s in config.sections}) == 4


def test_python_construction_validates_like_the_file():
    with pytest.raises(ValueError, match="greater than 0"):
        Config(words_per_section=-5)
    with pytest.raises(ValueError):
        Config(formats=("pdf", "docx"))
    with pytest.raises(ValueError):
        dataclasses.replace(Config(), threshold=1.5)


def test_a_string_is_a_path_unless_it_is_a_web_address():
    config = Config(sources=["articles", "https://example.org/a", Path("b.txt")], out="site", templates="tpl")
    assert config.sources == (Path("articles"), "https://example.org/a", Path("b.txt"))
    assert config.out == Path("site") and config.templates == Path("tpl")
    assert Config(sources="one-folder").sources == (Path("one-folder"),)


def test_overrides_are_validated_and_name_their_option():
    with pytest.raises(OptionError) as error:
        load_config(None, words_per_section=0)
    assert error.value.key == "words_per_section" and error.value.problem == "must be positive"
    assert load_config(None, since="2022-04-01").since == date(2022, 4, 1)
    assert load_config(None, formats="md,json").formats == ("md", "json")


def test_every_option_is_declared_with_help_and_a_table():
    for field in dataclasses.fields(Config):
        assert describe(field.name), field.name
        if field.name != "path":
            assert table_of(field.name) in TABLES, field.name


def test_the_shipped_toml_schema_is_current():
    """`python -m briefing.schemas` writes it; run that after changing an option."""
    assert TOML_SCHEMA.read_text("utf-8") == toml_schema_text()


def test_the_toml_schema_accepts_the_shipped_configs_and_rejects_unknown_keys():
    validator = jsonschema.Draft202012Validator(load(TOML_SCHEMA))
    for path in (default_config_path(), Path(__file__).parent.parent / "seeds" / "briefing.toml"):
        data = tomllib.loads(path.read_text())
        assert not list(validator.iter_errors(json.loads(json.dumps(data, default=str))))
    assert list(validator.iter_errors({"summary": {"speed": 3}}))
    assert list(validator.iter_errors({"summary": {"words_per_section": 0}}))


import pytest

from briefing.config import Config, default_config_path, load_config
from briefing.errors import ConfigError


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
        ('[[sections]]\ndescription = "x"\n', "needs a 'title'"),
        ('[[sections]]\ntitle = "A"\nterms = "x"\n', "'terms' must be a list"),
        ('[[sections]]\ntitle = "A"\ncolor = 1\nterms=["a"]\n', "unknown key 'color'"),
        ("[topics]\nthreshold = 2\n", "'threshold' must be between 0 and 1"),
        ("[summary]\nkey_points = true\n", "'key_points' must be a whole number"),
        ('[output]\nformats = ["pdf", "docx"]\n', "'formats' must be some of"),
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

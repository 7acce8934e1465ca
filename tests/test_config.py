"""Config files: defaults that work from a fresh clone, and errors that name the key."""

from __future__ import annotations

import pytest

from bot.config import PROJECT_ROOT, ConfigError, load_config


def _write(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_point_at_the_bundled_story(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.delenv("STORYBOT_CONFIG", raising=False)
    config = load_config()
    assert config.facts_dir == PROJECT_ROOT / "facts"
    assert config.discord.token == ""


def test_paths_are_relative_to_the_config_file(tmp_path):
    config = load_config(_write(tmp_path, '[storybot]\nfacts = "f"\ndatabase = "d.db"\n'))
    assert config.facts_dir == tmp_path / "f"
    assert config.database == tmp_path / "d.db"


@pytest.mark.parametrize("text, named", [
    ("[storybot]\nfactz = 'x'\n", "factz"),
    ("[discrod]\ntoken = 'x'\n", "discrod"),
    ("[engine]\nanswer_threshold = 'high'\n", "answer_threshold"),
    ("[engine]\nanswer_threshold = 150\n", "answer_threshold"),
    ("[discord]\nguild_ids = [1, 'abc']\n", "guild_ids"),
    ("[discord]\nephemeral = 'yes'\n", "ephemeral"),
    ("[discord]\ncooldown_questions = 2.5\n", "cooldown_questions"),
    ("not toml at all [", "not valid TOML"),
    ("[storybot]\nlog_level = 'LOUD'\n", "log_level"),
])
def test_unknown_keys_and_wrong_types_name_the_key(tmp_path, text, named):
    with pytest.raises(ConfigError, match=named):
        load_config(_write(tmp_path, text))


def test_environment_token_wins_and_is_never_shown(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", "env-secret")
    config = load_config(_write(tmp_path, '[discord]\ntoken = "file-secret"\n'))
    assert config.discord.token == "env-secret"
    assert "secret" not in repr(config)


def test_ids_may_be_written_as_strings(tmp_path):
    config = load_config(_write(tmp_path, '[discord]\nguild_ids = ["123456789012345678"]\n'))
    assert config.discord.guild_ids == (123456789012345678,)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def test_channels_tie_to_stories(tmp_path):
    config = load_config(_write(tmp_path, '[discord]\nchannel_stories = '
                                '{ "123456789012345678" = "us-iraq-withdrawal" }\n'))
    assert config.discord.channel_stories == {123456789012345678: "us-iraq-withdrawal"}


@pytest.mark.parametrize(("text", "named"), [
    ('[discord]\nchannel_stories = { "general" = "us-iraq-withdrawal" }\n', "channel id"),
    ('[discord]\nchannel_stories = { "1" = "Not A Story" }\n', "story id"),
    ('[discord]\nchannel_stories = ["1"]\n', "table"),
    ("[discord]\nshard_ids = [0]\n", "shard_count"),
    ("[discord]\nshard_count = 2\nshard_ids = [2]\n", "from 0 to 1"),
    ("[discord]\nshard_count = 2\nshard_ids = [1, 1]\n", "twice"),
    ("[discord]\nshard_count = -1\n", "shard_count"),
])
def test_bad_story_and_shard_settings_say_what_is_wrong(tmp_path, text, named):
    with pytest.raises(ConfigError, match=named):
        load_config(_write(tmp_path, text))


def test_shards_of_this_process(tmp_path):
    config = load_config(_write(tmp_path, "[discord]\nshard_count = 4\nshard_ids = [2, 3]\n"))
    assert (config.discord.shard_count, config.discord.shard_ids) == (4, (2, 3))


def test_conversation_settings(tmp_path):
    settings = load_config(_write(tmp_path, "[discord]\nconversation_seconds = 60\n"
                                  "max_conversations = 500\n")).discord
    assert (settings.conversation_seconds, settings.max_conversations) == (60.0, 500)
    for text, named in (("conversation_seconds = -1", "conversation_seconds"),
                        ("max_conversations = 0", "max_conversations")):
        with pytest.raises(ConfigError, match=named):
            load_config(_write(tmp_path, f"[discord]\n{text}\n"))

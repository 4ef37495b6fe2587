"""More guilds in the double's world: a second server with its own manager and member."""

from __future__ import annotations

from dataclasses import dataclass

from tests.discord_double.server import DiscordDouble
from tests.discord_double.state import (
    EVERYONE_PERMISSIONS,
    MANAGE_GUILD,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
)


@dataclass(frozen=True, slots=True)
class ExtraGuild:
    """Handles to an added guild: its postable channel, a manager and a plain member."""

    guild: FakeGuild
    channel: FakeChannel
    admin: FakeUser
    member: FakeUser


def add_guild(double: DiscordDouble, name: str) -> ExtraGuild:
    """Put the bot in one more guild (call before the bot connects: it arrives with READY)."""
    world = double.hub.world
    ids = world.ids
    guild_id = ids.next_id()
    owner = FakeUser(ids.next_id(), f"{name.lower()}-owner")
    admin = FakeUser(ids.next_id(), f"{name.lower()}-admin")
    member = FakeUser(ids.next_id(), f"{name.lower()}-member")
    everyone = FakeRole(guild_id, "@everyone", EVERYONE_PERMISSIONS)
    managers = FakeRole(ids.next_id(), "Managers", EVERYONE_PERMISSIONS | MANAGE_GUILD, position=1)
    bot_role = FakeRole(ids.next_id(), "briefbot", EVERYONE_PERMISSIONS, position=2)
    channel = FakeChannel(ids.next_id(), guild_id, "news", position=0)
    guild = FakeGuild(
        id=guild_id,
        name=name,
        owner_id=owner.id,
        roles=[everyone, managers, bot_role],
        channels=[channel],
        members=[
            FakeMember(owner),
            FakeMember(admin, [managers.id]),
            FakeMember(member),
            FakeMember(world.bot_user, [bot_role.id]),
        ],
    )
    world.guilds.append(guild)
    return ExtraGuild(guild, channel, admin, member)

"""The double's world: the bot, its application, the guilds and every message sent."""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.discord_double.state import (
    EVERYONE_PERMISSIONS,
    MANAGE_GUILD,
    SEND_MESSAGES,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeOverwrite,
    FakeRole,
    FakeUser,
    RecordedMessage,
    SnowflakeFactory,
)


@dataclass(slots=True)
class World:
    """Everything the double knows: the bot, its application, guilds and the messages sent."""

    ids: SnowflakeFactory
    token: str
    bot_user: FakeUser
    application_id: int
    guilds: list[FakeGuild]
    messages: dict[int, RecordedMessage] = field(default_factory=dict)

    def guild(self, guild_id: int) -> FakeGuild | None:
        """Return a guild by id, if the bot is in it."""
        return next((g for g in self.guilds if g.id == guild_id), None)

    def find_channel(self, channel_id: int) -> tuple[FakeGuild, FakeChannel] | None:
        """Return a channel and its guild, if the channel exists."""
        for guild in self.guilds:
            channel = guild.channel(channel_id)
            if channel is not None:
                return guild, channel
        return None

    def channel_messages(self, channel_id: int) -> list[RecordedMessage]:
        """Messages still visible in a channel, oldest first."""
        return [
            message
            for message in self.messages.values()
            if message.channel_id == channel_id and not message.deleted
        ]


@dataclass(frozen=True, slots=True)
class StandardCast:
    """Handles to the default guild's notable inhabitants, for tests."""

    guild: FakeGuild
    channel: FakeChannel
    forbidden_channel: FakeChannel
    admin: FakeUser
    member: FakeUser
    owner: FakeUser


def build_standard_world(token: str) -> tuple[World, StandardCast]:
    """Build one guild with a postable and a read-only channel, an admin, a plain member."""
    ids = SnowflakeFactory()
    bot_user = FakeUser(ids.next_id(), "briefbot", bot=True)
    application_id = bot_user.id
    guild_id = ids.next_id()
    owner = FakeUser(ids.next_id(), "owner")
    admin = FakeUser(ids.next_id(), "alice")
    member = FakeUser(ids.next_id(), "bob")
    everyone = FakeRole(guild_id, "@everyone", EVERYONE_PERMISSIONS)
    editors = FakeRole(ids.next_id(), "Editors", EVERYONE_PERMISSIONS | MANAGE_GUILD, position=1)
    bot_role = FakeRole(ids.next_id(), "briefbot", EVERYONE_PERMISSIONS, position=2)
    channel = FakeChannel(ids.next_id(), guild_id, "briefs", position=0)
    forbidden = FakeChannel(
        ids.next_id(),
        guild_id,
        "announcements",
        position=1,
        overwrites=[FakeOverwrite(guild_id, 0, deny=SEND_MESSAGES)],
    )
    guild = FakeGuild(
        id=guild_id,
        name="Newsroom",
        owner_id=owner.id,
        roles=[everyone, editors, bot_role],
        channels=[channel, forbidden],
        members=[
            FakeMember(owner),
            FakeMember(admin, [editors.id]),
            FakeMember(member),
            FakeMember(bot_user, [bot_role.id]),
        ],
    )
    world = World(ids, token, bot_user, application_id, [guild])
    cast = StandardCast(guild, channel, forbidden, admin, member, owner)
    return world, cast
